// Real-browser check of the H5 build against a running Duanju API:
//   E2E_API_URL=http://localhost:3333 npm run test:browser -w uniapp
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEVICE_ID_KEY, fetchMe, openTab, screenshotPath, startH5, storedValue, tabLabels, TOKEN_KEY, waitForRoute, waitForToken, type H5Session } from './harness.ts'

const TABS = ['首页', '剧场', '福利', '我的']

describe('H5 client', { timeout: 180_000 }, () => {
  let h5: H5Session | undefined
  let page: Page

  before(async () => {
    // An English browser: the app must still start in Simplified Chinese.
    h5 = await startH5('dist/e2e/h5', { locale: 'en-US' })
    page = h5.page
  })

  after(async () => {
    await h5?.close()
  })

  it('shows the four tabs in Simplified Chinese and the feed placeholder', async () => {
    assert.ok(h5)
    await page.goto(h5.url)
    await tabLabels(page).first().waitFor()
    assert.deepEqual(await tabLabels(page).allInnerTexts(), TABS)
    await page.getByText('还没有可以播放的短剧').waitFor()
    await page.screenshot({ path: screenshotPath('h5-feed.png') })
  })

  it('signs in as a guest on launch and keeps the token and device id', async () => {
    const token = await waitForToken(page)
    const deviceId = await storedValue(page, DEVICE_ID_KEY)
    assert.match(deviceId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const user = await fetchMe(token)
    assert.equal(user.isGuest, true)
  })

  it('switches tabs', async () => {
    await openTab(page, '剧场', 'pages/theater/index')
    await page.getByTestId('search-entry').waitFor()
    await openTab(page, '福利', 'pages/rewards/index')
    await page.getByText('福利中心筹备中').waitFor()
    await openTab(page, '首页', 'pages/feed/index')
    await page.getByText('还没有可以播放的短剧').waitFor()
  })

  it('shows the guest returned by the API on the Me tab', async () => {
    await openTab(page, '我的', 'pages/me/index')
    const user = await fetchMe(await waitForToken(page))
    await page.getByTestId('nickname').filter({ hasText: user.nickname }).waitFor()
    assert.equal(await page.getByTestId('user-id').innerText(), `ID：${user.id}`)
    assert.equal(await page.getByTestId('account-badge').innerText(), '游客')
    await page.screenshot({ path: screenshotPath('h5-me.png') })
  })

  it('keeps the same guest after a reload', async () => {
    const tokenBefore = await waitForToken(page)
    const deviceBefore = await storedValue(page, DEVICE_ID_KEY)
    const userBefore = await fetchMe(tokenBefore)
    await page.reload()
    await page.getByTestId('user-id').filter({ hasText: String(userBefore.id) }).waitFor()
    assert.equal(await storedValue(page, DEVICE_ID_KEY), deviceBefore)
    assert.equal((await fetchMe(await waitForToken(page))).id, userBefore.id)
  })

  it('signs in as the same guest again when the stored token is rejected', async () => {
    const userBefore = await fetchMe(await waitForToken(page))
    await page.evaluate((k) => window.localStorage.setItem(k, 'revoked-token'), TOKEN_KEY)
    await page.reload()
    await page.waitForFunction((k) => window.localStorage.getItem(k) !== 'revoked-token', TOKEN_KEY)
    await page.getByTestId('user-id').filter({ hasText: String(userBefore.id) }).waitFor()
    assert.equal((await fetchMe(await waitForToken(page))).id, userBefore.id)
  })

  it('says top-ups are unavailable when the API offers no way to pay on H5 (a production API without Alipay)', async () => {
    // The test API runs the sandbox; play a production API that runs nothing for H5.
    await page.route(
      (url) => url.pathname === '/api/v1/payments/providers',
      async (route) => {
        if (route.request().method() !== 'GET') return route.continue()
        const response = await route.fetch()
        return route.fulfill({ response, json: { data: [] } })
      },
    )
    try {
      await page.getByTestId('open-wallet').click()
      await waitForRoute(page, 'pages/wallet/index')
      await page.getByTestId('open-recharge').click()
      await waitForRoute(page, 'pages/wallet/recharge')
      await page.getByTestId('recharge-unavailable').filter({ hasText: '当前平台暂不支持充值' }).waitFor()
      assert.equal(await page.getByTestId('pay').count(), 0)
      assert.equal(await page.getByTestId('methods').count(), 0)
      await page.locator('.uni-page-head-btn').first().click()
      await waitForRoute(page, 'pages/wallet/index')
      await page.locator('.uni-page-head-btn').first().click()
      await waitForRoute(page, 'pages/me/index')
    } finally {
      await page.unrouteAll()
    }
  })

  it('switches the tab bar and pages to English from the Me tab', async () => {
    await page.getByTestId('language').click()
    await page.locator('.uni-actionsheet__cell', { hasText: 'English' }).click()
    await page.locator('.uni-actionsheet__mask').waitFor({ state: 'hidden' })
    await page.getByTestId('account-badge').filter({ hasText: 'Guest' }).waitFor()
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.uni-tabbar__label'), (el) => el.textContent?.trim()).join() === 'Feed,Theater,Rewards,Me',
    )
    await page.screenshot({ path: screenshotPath('h5-me-en.png') })
  })

  it('raised no page errors', () => {
    assert.deepEqual(h5?.pageErrors.map((error) => error.message), [])
  })
})
