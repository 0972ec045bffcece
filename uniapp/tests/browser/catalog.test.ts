// Theater, drama page and search in a real browser against a running Duanju API seeded with the
// demo catalog (`node ace db:seed`: categories 都市/古装/甜宠/逆袭/悬疑 and three published dramas):
//   E2E_API_URL=http://127.0.0.1:3344 npm run test:browser -w uniapp
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { apiUrl, openTab, screenshotPath, startH5, storedValue, waitForRoute, waitForToken, type H5Session } from './harness.ts'

const SWEET = '闪婚后，总裁他每天都在装穷'
const PERIOD = '重生之嫡女归来'
const MYSTERY = '深夜来电'
const DEMO_CATEGORIES = ['都市', '古装', '甜宠', '逆袭', '悬疑']
const SEARCH_HISTORY_KEY = 'duanju.searchHistory'

interface Card {
  id: number
  title: string
  status: string
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, { headers: { Accept: 'application/json' } })
  assert.equal(response.status, 200, `GET ${path}`)
  return (await response.json()) as T
}

/** Waits until the grid shows exactly these titles, in any order. */
async function gridShows(page: Page, titles: string[]): Promise<void> {
  const expected = [...titles].sort().join('|')
  await page.waitForFunction(
    (want) =>
      Array.from(document.querySelectorAll('[data-testid="drama-grid"] [data-testid="drama-title"]'), (el) => el.textContent?.trim() ?? '')
        .sort()
        .join('|') === want,
    expected,
    { timeout: 10_000 },
  )
}

/** Types into a uni <input>; its H5 version hands the value to v-model at most every 100 ms. */
async function typeSearch(page: Page, value: string) {
  await page.getByTestId('search-input').locator('input').fill(value)
  await sleep(150)
}

describe('H5 catalog', { timeout: 300_000 }, () => {
  let h5: H5Session | undefined
  let page: Page

  before(async () => {
    h5 = await startH5('dist/e2e/h5-catalog')
    page = h5.page
  })

  after(async () => {
    await h5?.close()
  })

  it('shows the category chips and the three demo dramas in the Theater grid', async () => {
    assert.ok(h5)
    await page.goto(h5.url)
    await waitForToken(page)
    await openTab(page, '剧场', 'pages/theater/index')
    await page.getByTestId('search-entry').filter({ hasText: '搜索剧名、演员或标签' }).waitFor()

    const chips = page.getByTestId('category-chips')
    await chips.getByText('悬疑', { exact: true }).waitFor()
    const chipTexts = (await chips.locator('.chip').allInnerTexts()).map((text) => text.trim())
    assert.equal(chipTexts[0], '全部')
    for (const name of DEMO_CATEGORIES) assert.ok(chipTexts.includes(name), `chip ${name} in ${chipTexts.join(', ')}`)
    assert.deepEqual(
      chipTexts.filter((text) => DEMO_CATEGORIES.includes(text)),
      DEMO_CATEGORIES,
      'categories in operator order',
    )

    await gridShows(page, [SWEET, PERIOD, MYSTERY])
    await page.getByTestId('list-footer-done').filter({ hasText: '没有更多了' }).waitFor()
    // No cover uploaded in the demo catalog: placeholders with the title's first characters.
    const sweetCard = page.getByTestId('drama-grid').locator('[data-testid^="drama-card-"]').filter({ hasText: SWEET })
    assert.equal(await sweetCard.locator('img').count(), 0, 'no broken image for a missing cover')
    assert.equal((await sweetCard.locator('.cover__initials').innerText()).trim(), '闪婚')
    assert.match(await sweetCard.innerText(), /9\.1分/)
    await page.screenshot({ path: screenshotPath('h5-theater.png') })
  })

  it('filters the grid by 古装', async () => {
    await page.getByTestId('category-chips').getByText('古装', { exact: true }).click()
    await gridShows(page, [PERIOD])
    await page.locator('.chip--active').filter({ hasText: '古装' }).waitFor()

    await page.getByTestId('sort-rating').click()
    await page.locator('.sorts__option--active').filter({ hasText: '高分' }).waitFor()
    await gridShows(page, [PERIOD])

    await page.getByTestId('category-all').click()
    await gridShows(page, [SWEET, PERIOD, MYSTERY])
    // 高分: 9.1, 8.8, 8.5
    await page.waitForFunction(
      (want) => Array.from(document.querySelectorAll('[data-testid="drama-grid"] [data-testid="drama-title"]'), (el) => el.textContent?.trim()).join('|') === want,
      [SWEET, PERIOD, MYSTERY].join('|'),
    )
  })

  it('shows the ranking boards as the API computes them, 完结榜 with 重生之嫡女归来', async () => {
    const hot = await api<{ data: { rank: number; drama: Card }[] }>('/api/v1/rankings/hot?limit=5')
    await page.getByTestId('board-hot').getByTestId('drama-title').first().waitFor()
    assert.deepEqual(
      await page.getByTestId('board-hot').getByTestId('drama-title').allInnerTexts(),
      hot.data.map((entry) => entry.drama.title),
    )

    await page.getByTestId('board-tab-completed').click()
    await page.getByTestId('board-completed').getByText(PERIOD).waitFor()
    // Before the rankings job has seen any plays the API computes the boards from the database
    // with score 0: every published completed drama, and only those.
    const completed = await api<{ data: { rank: number; score: number; drama: Card }[] }>('/api/v1/rankings/completed?limit=5')
    assert.ok(completed.data.some((entry) => entry.drama.title === PERIOD))
    assert.ok(completed.data.every((entry) => entry.drama.status === 'completed'))
    assert.deepEqual(
      await page.getByTestId('board-completed').getByTestId('drama-title').allInnerTexts(),
      completed.data.map((entry) => entry.drama.title),
    )
    assert.equal(await page.getByTestId('board-completed').locator('.row__rank').first().innerText(), '1')
    assert.equal(await page.getByTestId('board-tab-completed').getAttribute('aria-selected'), 'true')

    // 飙升榜 needs plays over the last days; the demo has none, so it may well be empty.
    const rising = await api<{ data: unknown[] }>('/api/v1/rankings/rising?limit=5')
    await page.getByTestId('board-tab-rising').click()
    if (rising.data.length === 0) await page.getByTestId('board-empty').filter({ hasText: '榜单还在统计中' }).waitFor()
    else await page.getByTestId('board-rising').getByTestId('drama-title').first().waitFor()
    await page.getByTestId('board-tab-completed').click()
    await page.getByTestId('board-completed').getByText(PERIOD).waitFor()
  })

  it('reloads the boards, chips and grid on a pull-down refresh', async () => {
    // A finger dragging the top of the page down, through Chromium's touch input.
    const cdp = await page.context().newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] })
    const reloaded = Promise.all([
      page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/dramas'),
      page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/rankings/completed'),
      page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/categories'),
    ])
    await page.evaluate(() => window.scrollTo(0, 0))
    await touch('touchStart', 150)
    for (let y = 170; y <= 510; y += 20) {
      await touch('touchMove', y)
      await sleep(16)
    }
    await touch('touchEnd', 510)
    await reloaded
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.uni-page-refresh')).every((el) => getComputedStyle(el).display === 'none'))
    await gridShows(page, [SWEET, PERIOD, MYSTERY])
    await page.getByTestId('board-completed').getByText(PERIOD).waitFor()
    await cdp.detach()
  })

  it('loads the grid page by page on scrolling and ends with 没有更多了', async () => {
    // The demo catalog is one page at the real size; ask the real API for pages of two instead.
    await page.route(
      (url) => url.pathname === '/api/v1/dramas',
      (route) => {
        const url = new URL(route.request().url())
        url.searchParams.set('limit', '2')
        return route.continue({ url: url.toString() })
      },
    )
    try {
      await page.reload()
      await waitForRoute(page, 'pages/theater/index')
      await page.getByTestId('drama-grid').waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="drama-grid"] [data-testid="drama-title"]').length === 2)
      assert.equal(await page.getByTestId('list-footer-done').count(), 0)
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await gridShows(page, [SWEET, PERIOD, MYSTERY])
      await page.getByTestId('list-footer-done').filter({ hasText: '没有更多了' }).waitFor()
      await page.screenshot({ path: screenshotPath('h5-theater-grid.png') })
    } finally {
      await page.unrouteAll()
    }
    await page.evaluate(() => window.scrollTo(0, 0))
  })

  it('opens 闪婚后，总裁他每天都在装穷 with 8 free and 16 locked episodes at 60 coins', async () => {
    await page.getByTestId('drama-grid').getByText(SWEET).click()
    await waitForRoute(page, 'pages/drama/detail')
    await page.getByTestId('drama-title').filter({ hasText: SWEET }).waitFor()
    assert.equal(await page.getByTestId('drama-rating').innerText(), '9.1分')
    assert.equal(await page.getByTestId('drama-status').innerText(), '连载中 · 共24集')
    assert.match(await page.getByTestId('drama-tags').innerText(), /#甜宠[\s\S]*#总裁[\s\S]*#闪婚/)
    assert.match(await page.getByTestId('drama-categories').innerText(), /都市[\s\S]*甜宠/)
    assert.match(await page.getByTestId('drama-synopsis').innerText(), /林晚/)
    assert.match(await page.getByTestId('drama-cast').innerText(), /顾言深/)
    assert.equal(await page.getByTestId('episode-pricing').innerText(), '前8集免费，之后每集 60 金币')

    const cells = await page.getByTestId('episode-grid').locator('.episode').evaluateAll((elements) =>
      elements.map((el) => ({
        testid: el.getAttribute('data-testid'),
        access: el.getAttribute('data-access'),
        label: el.getAttribute('aria-label'),
        number: el.querySelector('.episode__number')?.textContent?.trim(),
        mark: el.querySelector('.episode__mark')?.textContent?.trim(),
        lock: el.querySelector('.icon-lock') !== null,
      })),
    )
    assert.equal(cells.length, 24)
    cells.forEach((cell, index) => {
      const n = index + 1
      assert.equal(cell.testid, `episode-${n}`)
      assert.equal(cell.number, String(n))
      if (n <= 8) {
        assert.deepEqual({ access: cell.access, mark: cell.mark, lock: cell.lock, label: cell.label }, { access: 'free', mark: '免费', lock: false, label: `第${n}集，免费` })
      } else {
        assert.deepEqual({ access: cell.access, mark: cell.mark, lock: cell.lock, label: cell.label }, { access: 'locked', mark: '60', lock: true, label: `第${n}集，未解锁，需 60 金币` })
      }
    })
    await page.screenshot({ path: screenshotPath('h5-drama-detail.png'), fullPage: true })

    assert.equal(await page.getByTestId('play-button').innerText(), '立即播放')

    // Every cell opens the player, which asks the API: a locked episode shows its price there,
    // and the demo episodes have no video yet.
    const dramaUrl = page.url()
    await page.getByTestId('episode-9').click()
    await waitForRoute(page, 'pages/player/index')
    await page.getByTestId('player-locked').locator('.panel__title').filter({ hasText: '第9集需解锁后观看' }).waitFor()
    assert.equal((await page.getByTestId('locked-price').innerText()).trim(), '解锁本集需 60 金币')
    await page.getByTestId('back-to-episodes').click()
    await waitForRoute(page, 'pages/drama/detail')
    await page.getByTestId('episode-1').click()
    await waitForRoute(page, 'pages/player/index')
    await page.getByTestId('player-processing').filter({ hasText: '视频处理中，请稍后再试' }).waitFor()
    await page.getByTestId('back-to-episodes').click()
    await waitForRoute(page, 'pages/drama/detail')
    assert.equal(page.url(), dramaUrl, 'back on the drama page')
  })

  it('says 剧集不存在或已下架 for an unknown drama', async () => {
    assert.ok(h5)
    // Opened from a link: the drama page is the only page, so its button leads to the Theater tab.
    await page.goto(`${h5.url}#/pages/drama/detail?id=987654321`)
    await page.reload()
    await page.getByTestId('drama-not-found').filter({ hasText: '剧集不存在或已下架' }).waitFor()
    await page.screenshot({ path: screenshotPath('h5-drama-not-found.png') })
    await page.getByTestId('drama-not-found-action').click()
    await waitForRoute(page, 'pages/theater/index')
  })

  it('searches 嫡女, finds 重生之嫡女归来 and keeps 嫡女 in the history after a reload', async () => {
    await page.getByTestId('search-entry').click()
    await waitForRoute(page, 'pages/search/index')
    await page.getByTestId('search-history').filter({ hasText: '输入剧名、演员或标签开始搜索' }).waitFor()

    // Typing alone searches once the typing pauses.
    await typeSearch(page, '不存在的剧')
    await page.getByTestId('search-empty').filter({ hasText: '没有找到相关短剧' }).waitFor()

    await typeSearch(page, '嫡女')
    await page.getByTestId('search-input').locator('input').press('Enter')
    await page.getByTestId('search-results').getByText(PERIOD).waitFor()
    assert.deepEqual(await page.getByTestId('search-results').getByTestId('drama-title').allInnerTexts(), [PERIOD])
    await page.screenshot({ path: screenshotPath('h5-search.png') })

    // Only the entered term is remembered, not what was typed on the way.
    // uni's H5 storage keeps non-string values as { type, data } JSON in localStorage.
    assert.deepEqual(JSON.parse((await storedValue(page, SEARCH_HISTORY_KEY)) ?? 'null'), { type: 'object', data: ['嫡女'] })

    await page.reload()
    await waitForRoute(page, 'pages/search/index')
    await page.getByTestId('search-history-term').filter({ hasText: '嫡女' }).waitFor()
    assert.deepEqual(await page.getByTestId('search-history-term').allInnerTexts(), ['嫡女'])
    await page.screenshot({ path: screenshotPath('h5-search-history.png') })

    await page.getByTestId('search-history-term').filter({ hasText: '嫡女' }).click()
    await page.getByTestId('search-results').getByText(PERIOD).click()
    await waitForRoute(page, 'pages/drama/detail')
    await page.getByTestId('drama-title').filter({ hasText: PERIOD }).waitFor()
    assert.equal(await page.getByTestId('drama-status').innerText(), '已完结 · 共30集')
    assert.equal(await page.getByTestId('episode-grid').locator('.episode--free').count(), 10)
    assert.equal(await page.getByTestId('episode-grid').locator('.episode--locked').count(), 20)
  })

  it('raised no page errors', () => {
    assert.deepEqual(h5?.pageErrors.map((error) => error.message), [])
  })
})
