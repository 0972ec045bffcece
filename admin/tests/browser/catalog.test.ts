import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import { crc32, deflateSync } from 'node:zlib'
import type { Locator, Page } from 'playwright-core'
import { apiAs, browserSuite, MENUS, menuTitles, screenshot, signIn } from './support/harness.ts'

const suite = browserSuite()
const OPERATOR = 'operator@duanju.dev'
const SEEDED = ['闪婚后，总裁他每天都在装穷', '重生之嫡女归来', '深夜来电'] as const

interface Category {
  id: number
  name: string
  slug: string
  isActive: boolean
}

interface Drama {
  id: number
  title: string
  state: string
  rating: number
  freeEpisodes: number
  tags: string[]
  cast: { name: string; role?: string }[]
  categories: { id: number; name: string }[]
  coverUrl: string | null
}

interface Episode {
  id: number
  number: number
  title: string | null
  isFree: boolean | null
  priceCoins: number | null
}

/** API answers of 500 and above that each page received, quoted when an expectation fails. */
const serverErrors = new WeakMap<Page, string[]>()

async function signedIn(email: string): Promise<Page> {
  const page = await suite.newPage()
  const errors: string[] = []
  serverErrors.set(page, errors)
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()}`)
  })
  await signIn(page, email)
  await page.waitForURL((url) => url.pathname === '/dashboard')
  return page
}

async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.el-message--success', { hasText: text }).first().waitFor()
}

/**
 * Reads until the value is `expected` (deep-equal), for UI that settles after an answer arrives.
 * With `page`, a failure also lists the server errors that page ran into.
 */
async function eventually<T>(read: () => Promise<T>, expected: T, what: string, page?: Page): Promise<void> {
  const until = Date.now() + 15_000
  let last: T = await read()
  while (!isDeepStrictEqual(last, expected)) {
    if (Date.now() > until) {
      const errors = page ? (serverErrors.get(page) ?? []) : []
      assert.deepEqual(last, expected, errors.length > 0 ? `${what} (server errors: ${errors.join('; ')})` : what)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
}

/** Screenshots show the page, not the toasts stacked over it (they leave after 3 s). */
async function toastsGone(page: Page): Promise<void> {
  await eventually(() => page.locator('.el-message').count(), 0, 'the toasts have faded', page)
}

function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`
}

/** The open dropdown's option (Element Plus teleports every select's dropdown to the body). */
function option(page: Page, text: string): Locator {
  return page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: text }).first()
}

/** A real PNG, portrait 3:4, drawn as a gradient: what an operator would pick as a cover. */
function portraitPng(width = 90, height = 120): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = 200 + Math.round((55 * x) / width)
      row[2 + x * 3] = 40 + Math.round((120 * y) / height)
      row[3 + x * 3] = 90
    }
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe('catalog screens in Chromium', () => {
  test('operator sees the seeded dramas and filters by state, keyword and category', async () => {
    const api = await apiAs(OPERATOR)
    const { data: categories } = await api<{ data: Category[] }>('GET', '/admin/v1/categories')
    const mystery = categories.find((category) => category.slug === 'mystery')
    assert.ok(mystery, 'the demo catalog has the 悬疑 category')

    const page = await signedIn(OPERATOR)
    await page.locator('aside').getByText('剧目列表', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/catalog/dramas')
    const table = page.getByTestId('dramas-table')
    await table.locator('.el-table__row').first().waitFor()

    // State filter through the form: it lands in the address and every row is live.
    await page.getByTestId('dramas-state').click()
    await option(page, '已上线').click()
    await page.getByTestId('dramas-search').click()
    await page.waitForURL((url) => url.searchParams.get('state') === 'published')
    for (const title of SEEDED) await table.locator('.el-table__row', { hasText: title }).waitFor()
    const states = await table.getByTestId('drama-state').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state')))
    assert.ok(states.length >= SEEDED.length)
    assert.ok(states.every((state) => state === 'published'), `only live dramas: ${states.join(', ')}`)
    await page.getByTestId('dramas-pager').getByText(/共 \d+ 条/).waitFor()
    await screenshot(page, 'catalog-dramas-list')

    // Keyword on top of the state: one row, with its pricing and rating as the table shows them.
    await page.getByTestId('dramas-q').fill('装穷')
    await page.getByTestId('dramas-search').click()
    await page.waitForURL((url) => url.searchParams.get('q') === '装穷' && url.searchParams.get('state') === 'published')
    await table.locator('.el-table__row', { hasText: '重生之嫡女归来' }).waitFor({ state: 'detached' })
    const rows = table.locator('.el-table__row')
    assert.equal(await rows.count(), 1)
    const text = await rows.first().innerText()
    for (const expected of [SEEDED[0], '都市', '甜宠', '已上线', '连载', '60 金币', '9.1']) assert.ok(text.includes(expected), `row shows ${expected}: ${text}`)

    // A category filter from the address, as a shared link would carry it.
    await page.goto(`/catalog/dramas?categoryId=${mystery.id}`)
    await table.locator('.el-table__row', { hasText: '深夜来电' }).waitFor()
    assert.equal(await table.locator('.el-table__row', { hasText: SEEDED[0] }).count(), 0)
    assert.match(await page.getByTestId('dramas-category').innerText(), /悬疑/)
  })

  test('operator creates a drama with a cover, adds, prices, frees and reorders episodes, and cannot publish it yet', async (t) => {
    const id = stamp()
    const title = `E2E 契约新娘 ${id}`
    const api = await apiAs(OPERATOR)
    const page = await signedIn(OPERATOR)

    await page.goto('/catalog/dramas')
    await page.getByTestId('create-drama').click()
    await page.waitForURL((url) => url.pathname === '/catalog/dramas/new')
    assert.equal((await page.getByTestId('drama-heading').innerText()).trim(), '新建剧目')

    // Required fields are checked before anything is sent.
    await page.getByTestId('drama-save').click()
    await page.locator('.el-form-item__error', { hasText: '请输入剧名' }).waitFor()
    await page.locator('.el-form-item__error', { hasText: '请输入简介' }).waitFor()

    await page.locator('input[name="drama-title"]').fill(title)
    await page.locator('textarea[name="drama-synopsis"]').fill('一纸契约，她替姐姐嫁入豪门，却发现丈夫另有身份。')
    await page.getByTestId('drama-categories').click()
    await option(page, '都市').click()
    await option(page, '甜宠').click()
    // Close the dropdown as a person would, by clicking elsewhere; it would cover the fields below.
    await page.getByTestId('drama-heading').click()
    await option(page, '古装').waitFor({ state: 'hidden' })
    await page.getByTestId('drama-tags').click()
    for (const tag of ['甜宠', '契约']) {
      await page.keyboard.type(tag)
      // allow-create offers the typed text as the first option; Enter picks it.
      await option(page, tag).waitFor()
      await page.keyboard.press('Enter')
      await page.getByTestId('drama-tags').locator('.el-tag', { hasText: tag }).waitFor()
    }
    await page.getByTestId('drama-heading').click()
    assert.deepEqual(
      (await page.getByTestId('drama-tags').locator('.el-tag').allInnerTexts()).map((text) => text.trim()),
      ['甜宠', '契约'],
    )
    await page.getByTestId('cast-add').click()
    await page.getByTestId('cast-add').click()
    await page.getByTestId('cast-name').nth(0).fill('苏念')
    await page.getByTestId('cast-role').nth(0).fill('女主')
    await page.getByTestId('cast-name').nth(1).fill('陆霆')
    await page.getByTestId('drama-free').locator('input').fill('1')
    await page.getByTestId('drama-price').locator('input').fill('80')
    await page.getByTestId('drama-rating').locator('input').fill('8.7')
    await page.getByTestId('drama-rating').locator('input').blur()

    // The cover is chosen before the drama exists: previewed now, uploaded right after the save.
    await page.getByTestId('cover-upload').locator('input[type="file"]').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: portraitPng() })
    await page.getByTestId('cover-hint').filter({ hasText: '将在保存剧目后上传' }).waitFor()
    assert.match((await page.getByTestId('cover-preview').getAttribute('src')) ?? '', /^blob:/)

    await page.getByTestId('drama-save').click()
    await toast(page, `已创建剧目「${title}」`)
    await toast(page, '封面已更新')
    await page.waitForURL((url) => /^\/catalog\/dramas\/\d+$/.test(url.pathname))
    const dramaId = Number(new URL(page.url()).pathname.split('/').at(-1))
    // The test deletes its draft through the UI at the end; this covers a run that stops earlier.
    t.after(() => api('DELETE', `/admin/v1/dramas/${dramaId}`).catch(() => undefined))
    await page.getByTestId('drama-heading').filter({ hasText: title }).waitFor()
    await page.getByTestId('drama-state').filter({ hasText: '草稿' }).waitFor()
    const coverSrc = (await page.getByTestId('cover-preview').getAttribute('src')) ?? ''
    assert.match(coverSrc, new RegExp(`/api/v1/dramas/${dramaId}/images/cover-`))
    // The browser really shows it: the image loaded with its portrait size.
    await eventually(
      () => page.getByTestId('cover-preview').evaluate((img) => [(img as unknown as { naturalWidth: number }).naturalWidth, (img as unknown as { naturalHeight: number }).naturalHeight]),
      [90, 120],
      'the cover image is loaded at its real size',
    )
    await page.getByTestId('drama-heading').scrollIntoViewIfNeeded()
    await toastsGone(page)
    await screenshot(page, 'catalog-drama-form')

    const { drama } = await api<{ drama: Drama }>('GET', `/admin/v1/dramas/${dramaId}`)
    assert.equal(drama.title, title)
    assert.equal(drama.state, 'draft')
    assert.equal(drama.rating, 87)
    assert.equal(drama.freeEpisodes, 1)
    assert.deepEqual(drama.categories.map((category) => category.name).sort(), ['甜宠', '都市'].sort())
    assert.deepEqual(drama.tags, ['甜宠', '契约'])
    assert.deepEqual(drama.cast, [{ name: '苏念', role: '女主' }, { name: '陆霆' }])
    assert.equal(drama.coverUrl, coverSrc)
    assert.equal((await fetch(coverSrc)).headers.get('content-type'), 'image/png')

    // 剧集: six episodes in one go.
    await page.getByTestId('episodes-tab').click()
    await page.waitForURL((url) => url.searchParams.get('tab') === 'episodes')
    const table = page.getByTestId('episodes-table')
    await table.getByText('还没有剧集').waitFor()
    await page.getByTestId('add-episodes').click()
    const addDialog = page.getByTestId('add-episodes-dialog')
    assert.equal(await addDialog.getByTestId('add-start').locator('input').inputValue(), '1')
    await addDialog.getByTestId('add-count').locator('input').fill('6')
    await addDialog.getByTestId('add-submit').click()
    await toast(page, '已添加 6 集')
    const rows = table.locator('.el-table__row')
    await rows.nth(5).waitFor()
    assert.equal(await rows.count(), 6)
    assert.deepEqual(await table.getByTestId('episode-number').allInnerTexts(), ['1', '2', '3', '4', '5', '6'])
    await page.getByTestId('episodes-tab').filter({ hasText: '剧集（6）' }).waitFor()

    // 批量定价: episodes 3–6 at 99 coins.
    await page.getByTestId('batch-pricing').click()
    const pricing = page.getByTestId('pricing-dialog')
    await pricing.getByTestId('pricing-from').locator('input').fill('3')
    await pricing.getByTestId('pricing-to').locator('input').fill('6')
    await pricing.getByTestId('pricing-price').locator('input').fill('99')
    await pricing.getByTestId('pricing-submit').click()
    await toast(page, '已更新 4 集的定价')
    await pricing.waitFor({ state: 'hidden' })
    const prices = () => Promise.all([0, 1, 2, 3, 4, 5].map((i) => rows.nth(i).getByTestId('episode-price').locator('input').inputValue()))
    await eventually(prices, ['', '', '99', '99', '99', '99'], 'episodes 3–6 cost 99 coins', page)

    // Episode 2 free through the tri-state control (跟随剧集规则 / 免费 / 付费).
    const second = rows.nth(1)
    assert.equal(await second.getByTestId('episode-free').getAttribute('data-mode'), 'inherit')
    await second.getByTestId('episode-free').getByText('免费', { exact: true }).click()
    await toast(page, '已保存第 2 集')
    await second.getByTestId('episode-free').and(page.locator('[data-mode="free"]')).waitFor()

    // A title on the last episode, so its move is easy to follow.
    const finale = `大结局 ${id}`
    await rows.nth(5).getByTestId('episode-title').fill(finale)
    await rows.nth(5).getByTestId('episode-title').press('Enter')
    await toast(page, '已保存第 6 集')

    // Drag the last episode to the top: it becomes episode 1 and everything else moves down.
    await rows.nth(5).getByTestId('episode-drag').dragTo(rows.nth(0))
    await toast(page, '已调整剧集顺序')
    await eventually(() => rows.nth(0).getByTestId('episode-title').inputValue(), finale, 'the finale is now episode 1', page)
    assert.deepEqual(await table.getByTestId('episode-number').allInnerTexts(), ['1', '2', '3', '4', '5', '6'])
    assert.equal(await rows.nth(0).getByTestId('episode-price').locator('input').inputValue(), '99')
    assert.equal(await rows.nth(2).getByTestId('episode-free').getAttribute('data-mode'), 'free')
    await toastsGone(page)
    await screenshot(page, 'catalog-episodes')

    const { data: episodes } = await api<{ data: Episode[] }>('GET', `/admin/v1/dramas/${dramaId}/episodes`)
    assert.deepEqual(
      episodes.map((episode) => [episode.number, episode.title, episode.isFree, episode.priceCoins]),
      [
        [1, finale, null, 99],
        [2, null, null, null],
        [3, null, true, null],
        [4, null, null, 99],
        [5, null, null, 99],
        [6, null, null, 99],
      ],
    )

    // No episode has a video yet, so none is ready: the server refuses and the dialog says why.
    await page.getByTestId('publish-drama').click()
    const publish = page.getByTestId('publish-dialog')
    await publish.getByTestId('publish-submit').click()
    const refusal = publish.getByTestId('publish-error')
    await refusal.waitFor()
    assert.equal((await refusal.innerText()).trim(), '发布前至少需要一集已就绪的剧集')
    await screenshot(page, 'catalog-publish-no-ready')
    await publish.getByRole('button', { name: '取消' }).click()
    await publish.waitFor({ state: 'hidden' })
    assert.equal((await api<{ drama: Drama }>('GET', `/admin/v1/dramas/${dramaId}`)).drama.state, 'draft')

    // A draft may be deleted; this keeps the database as it was for the next run.
    await page.getByTestId('delete-drama').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByText(`确定删除「${title}」吗？`, { exact: false }).waitFor()
    await confirm.locator('.el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary').last().click()
    await toast(page, `已删除「${title}」`)
    await page.waitForURL((url) => url.pathname === '/catalog/dramas')
    await assert.rejects(api('GET', `/admin/v1/dramas/${dramaId}`), /HTTP 404/)
  })

  test('operator creates, renames, deactivates, reorders and deletes a category; a taken slug is refused', async (t) => {
    const id = stamp()
    const name = `E2E分类${id.slice(-6)}`
    const slug = `e2e-${id}`
    const api = await apiAs(OPERATOR)
    const stored = async () => (await api<{ data: Category[] }>('GET', '/admin/v1/categories')).data
    // The test deletes its category through the UI at the end; this covers a run that stops earlier.
    t.after(async () => {
      const left = (await stored().catch(() => [])).find((category) => category.slug === slug)
      if (left) await api('DELETE', `/admin/v1/categories/${left.id}`).catch(() => undefined)
    })
    const page = await signedIn(OPERATOR)

    await page.locator('aside').getByText('分类管理', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/catalog/categories')
    const table = page.getByTestId('categories-table')
    await table.locator('.el-table__row', { hasText: '都市' }).waitFor()

    await page.getByTestId('create-category').click()
    const dialog = page.getByTestId('category-dialog')
    await dialog.getByTestId('category-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '请输入名称' }).waitFor()
    await dialog.locator('input[name="category-name"]').fill(name)
    await dialog.locator('input[name="category-name-en"]').fill('E2E')
    // Typed with capitals and a space; the field keeps it a valid slug.
    await dialog.locator('input[name="category-slug"]').fill(`E2E ${id}`)
    assert.equal(await dialog.locator('input[name="category-slug"]').inputValue(), slug)
    await dialog.getByTestId('category-submit').click()
    await toast(page, `已创建分类「${name}」`)
    const row = table.locator('.el-table__row', { hasText: slug })
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(name))
    // New categories go to the end.
    assert.match(await table.locator('.el-table__row').last().innerText(), new RegExp(slug))

    // SLUG_TAKEN lands under the slug field.
    await page.getByTestId('create-category').click()
    await dialog.locator('input[name="category-name"]').fill(`${name} 2`)
    await dialog.locator('input[name="category-slug"]').fill('urban')
    await dialog.getByTestId('category-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '该标识已被其他分类使用' }).waitFor()
    await screenshot(page, 'catalog-category-slug-taken')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await row.getByTestId('edit-category').click()
    await dialog.locator('input[name="category-name"]').fill(`${name}改`)
    await dialog.getByTestId('category-submit').click()
    await toast(page, `已保存分类「${name}改」`)
    await row.filter({ hasText: `${name}改` }).waitFor()

    await row.getByTestId('category-active-switch').click()
    await toast(page, `已停用分类「${name}改」`)
    assert.equal((await stored()).find((category) => category.slug === slug)?.isActive, false)

    await row.getByTestId('category-up').click()
    await toast(page, '已调整分类顺序')
    const slugs = await table.getByTestId('category-slug').allInnerTexts()
    assert.equal(slugs.at(-2), slug)
    assert.equal((await stored()).map((category) => category.slug).at(-2), slug)
    await toastsGone(page)
    await screenshot(page, 'catalog-categories')

    await row.getByTestId('delete-category').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByText(`确定删除分类「${name}改」吗？`, { exact: false }).waitFor()
    await confirm.locator('.el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary').last().click()
    await toast(page, `已删除分类「${name}改」`)
    await row.waitFor({ state: 'detached' })
    assert.equal((await stored()).some((category) => category.slug === slug), false)
  })

  test('a reviewer has no catalog menu and gets the 403 page on /catalog/dramas', async () => {
    const page = await signedIn('reviewer@duanju.dev')
    assert.deepEqual(await menuTitles(page), MENUS.reviewer)
    await page.goto('/catalog/dramas')
    await page.getByTestId('forbidden').waitFor()
    assert.equal(new URL(page.url()).pathname, '/403')
    assert.equal(new URL(page.url()).searchParams.get('from'), '/catalog/dramas')
  })
})
