// Wallet, recharge through the sandbox cashier, order result and ledger in a real browser against a
// running Duanju API that has the sandbox provider enabled (SANDBOX_PAYMENT_SECRET set, not in
// production) and no other provider for H5 (no Alipay configured), and the demo recharge packages
// from `node ace db:seed` (600金币 ¥6 with a 300 first-recharge bonus, 1800金币 ¥18 +200,
// 5000金币 ¥48 +1000):
//   E2E_API_URL=http://127.0.0.1:3345 npm run test:browser -w uniapp
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { apiUrl, openTab, screenshotPath, startH5, waitForRoute, waitForToken, type H5Session } from './harness.ts'

/** Where the client notes an order it left for a provider's cashier (REDIRECT_ORDER_KEY in src/utils/device.ts). */
const REDIRECT_ORDER_KEY = 'duanju.redirectOrder'

interface Package {
  id: number
  name: string
  priceFen: number
  coins: number
  bonusCoins: number
  firstRechargeBonus: number
}

interface Wallet {
  paidCoins: number
  bonusCoins: number
  bonusExpiring: { coins: number; expiresAt: string }[]
  points: number
}

interface Order {
  orderNo: string
  state: string
  paidAt: string | null
  coins: number
  bonusCoins: number
}

async function api<T>(path: string, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  const response = await fetch(`${apiUrl}${path}`, { headers })
  assert.equal(response.status, 200, `GET ${path}`)
  return (await response.json()) as T
}

/** The text of a test id, once it has the expected content. */
async function textOf(page: Page, testId: string, expected: string | RegExp): Promise<string> {
  const locator = page.getByTestId(testId).filter({ hasText: expected }).first()
  await locator.waitFor({ timeout: 10_000 })
  return (await locator.innerText()).trim()
}

/** Waits for a toast with this text, then for it to go (so it does not cover the next step). */
async function toastShown(page: Page, text: string | RegExp) {
  const toast = page.locator('.uni-toast, .uni-sample-toast').filter({ hasText: text })
  await toast.waitFor()
  await toast.waitFor({ state: 'hidden', timeout: 6_000 })
}

/** The navigation bar's back arrow. */
async function back(page: Page, route: string) {
  await page.locator('.uni-page-head-btn').first().click()
  await waitForRoute(page, route)
}

describe('H5 wallet and recharge', { timeout: 300_000 }, () => {
  let h5: H5Session | undefined
  let page: Page
  let token: string
  let packages: Package[]
  let paidOrderNo = ''
  const byName = (name: string) => {
    const found = packages.find((pkg) => pkg.name === name)
    assert.ok(found, `demo package ${name} (run node ace db:seed)`)
    return found
  }

  before(async () => {
    // An ordinary build: the ways to pay come from the API (GET /api/v1/payments/providers).
    h5 = await startH5('dist/e2e/h5-wallet')
    page = h5.page
    packages = (await api<{ data: Package[] }>('/api/v1/recharge-packages?platform=h5')).data
  })

  after(async () => {
    await h5?.close()
  })

  it('shows a new guest an empty wallet from the Me tab', async () => {
    assert.ok(h5)
    await page.goto(h5.url)
    token = await waitForToken(page)
    await openTab(page, '我的', 'pages/me/index')
    await textOf(page, 'wallet-balance', /^0 金币$/)
    assert.match(await page.getByTestId('open-wallet').innerText(), /我的钱包/)

    await page.getByTestId('open-wallet').click()
    await waitForRoute(page, 'pages/wallet/index')
    await textOf(page, 'paid-coins', /^0$/)
    assert.equal((await page.getByTestId('bonus-coins').innerText()).trim(), '0')
    assert.equal((await page.getByTestId('points').innerText()).trim(), '0')
    assert.match(await page.getByTestId('wallet-card').innerText(), /积分/)
    assert.equal(await page.getByTestId('bonus-expiry').count(), 0, 'no bonus coins, nothing expiring')
  })

  it('offers the demo packages for H5 with prices in yuan and the sandbox as the way to pay', async () => {
    await page.getByTestId('open-recharge').click()
    await waitForRoute(page, 'pages/wallet/recharge')
    await page.getByTestId('packages').waitFor()

    const small = byName('600金币')
    const card = page.getByTestId(`package-${small.id}`)
    assert.equal((await card.getByTestId('package-coins').innerText()).trim(), '600 金币')
    assert.equal((await card.getByTestId('package-price').innerText()).trim(), '¥6.00')
    assert.match(await card.getByTestId('package-first-bonus').innerText(), /首充再送 300 赠币/)
    assert.equal((await card.getByTestId('package-badge').innerText()).trim(), '首充翻倍')
    const medium = page.getByTestId(`package-${byName('1800金币').id}`)
    assert.equal((await medium.getByTestId('package-price').innerText()).trim(), '¥18.00')
    assert.match(await medium.innerText(), /\+200 赠币/)
    assert.equal(await medium.getByTestId('package-first-bonus').count(), 0)
    const large = page.getByTestId(`package-${byName('5000金币').id}`)
    assert.equal((await large.getByTestId('package-price').innerText()).trim(), '¥48.00')
    assert.match(await large.innerText(), /5000 金币[\s\S]*\+1000 赠币/)

    // The test API runs only the sandbox: that is the one way to pay offered, and it is chosen.
    const methods = page.getByTestId('methods').locator('[data-testid^="method-"]')
    assert.deepEqual(await methods.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))), ['method-sandbox'])
    assert.match(await page.getByTestId('method-sandbox').innerText(), /^测试支付（沙箱）\s*测试环境，不产生真实扣款$/)
    assert.equal(await page.getByTestId('method-sandbox').getAttribute('aria-checked'), 'true')
    for (const other of ['wechatpay', 'alipay', 'apple']) assert.equal(await page.getByTestId(`method-${other}`).count(), 0, `no ${other} on this API`)
    assert.match(await page.getByTestId('recharge-terms').innerText(), /金币永久有效.*赠币自到账起 30 天内有效/)
    await textOf(page, 'recharge-balance', /0 金币/)
    await page.screenshot({ path: screenshotPath('h5-recharge.png'), fullPage: true })
  })

  it('pays 600金币 in the sandbox cashier and shows the coins credited', async () => {
    const small = byName('600金币')
    await page.getByTestId(`package-${small.id}`).click()
    await page.locator(`[data-testid="package-${small.id}"][aria-checked="true"]`).waitFor()
    assert.match(await page.getByTestId('pay').innerText(), /立即支付 ¥6\.00/)
    await page.getByTestId('pay').click()

    const cashier = page.getByTestId('sandbox-cashier')
    await cashier.waitFor()
    assert.match(await cashier.innerText(), /测试支付（沙箱）/)
    assert.equal((await page.getByTestId('cashier-amount').innerText()).trim(), '¥6.00')
    assert.equal((await page.getByTestId('cashier-item').innerText()).trim(), '600 金币 + 300 赠币', 'the first recharge adds its bonus')
    const orderNo = (await page.getByTestId('cashier-order-no').innerText()).trim()
    assert.match(orderNo, /^DJ\d+$/)
    await page.screenshot({ path: screenshotPath('h5-sandbox-cashier.png') })

    await page.getByTestId('cashier-confirm').click()
    await waitForRoute(page, 'pages/wallet/order')
    await page.getByTestId('order-paid').waitFor({ timeout: 35_000 })
    assert.equal((await page.getByTestId('order-title').innerText()).trim(), '充值成功')
    assert.match(await page.getByTestId('order-credited').innerText(), /\+600 金币[\s\S]*\+300 赠币/)
    await textOf(page, 'order-balance', '当前余额：600 金币 · 300 赠币')
    assert.equal((await page.getByTestId('order-no').innerText()).trim(), orderNo)
    assert.equal((await page.getByTestId('order-amount').innerText()).trim(), '¥6.00')
    await page.screenshot({ path: screenshotPath('h5-order-paid.png') })

    const order = (await api<{ order: Order }>(`/api/v1/orders/${orderNo}`, token)).order
    assert.equal(order.state, 'paid')
    paidOrderNo = orderNo
  })

  it('shows 600 paid and 300 bonus coins in the wallet, with the bonus expiry', async () => {
    await page.getByTestId('order-done').click()
    await waitForRoute(page, 'pages/wallet/index')
    await textOf(page, 'paid-coins', /^600$/)
    assert.equal((await page.getByTestId('bonus-coins').innerText()).trim(), '300')

    const wallet = await api<Wallet>('/api/v1/wallet', token)
    assert.deepEqual([wallet.paidCoins, wallet.bonusCoins], [600, 300])
    const [lot] = wallet.bonusExpiring
    assert.ok(lot)
    // 30 days ahead: the month and day as the browser's time zone sees them.
    const day = await page.evaluate((iso) => {
      const date = new Date(iso)
      return `${date.getMonth() + 1}月${date.getDate()}日`
    }, lot.expiresAt)
    const expiry = (await page.getByTestId('bonus-expiry').innerText()).trim()
    assert.ok(expiry.startsWith(`300 赠币将于 `) && expiry.includes(day) && expiry.endsWith(' 过期'), expiry)
    await page.screenshot({ path: screenshotPath('h5-wallet.png') })
  })

  it('lists the recharge in the ledger: +600 金币 and +300 赠币', async () => {
    await page.getByTestId('open-ledger').click()
    await waitForRoute(page, 'pages/wallet/ledger')
    await page.getByTestId('ledger-list').waitFor()
    const entries = page.getByTestId('ledger-entry')
    assert.equal(await entries.count(), 2)
    const rows = await entries.evaluateAll((elements) =>
      elements.map((el) => ({
        type: el.querySelector('[data-testid="ledger-type"]')?.textContent?.trim(),
        account: el.querySelector('[data-testid="ledger-account"]')?.textContent?.trim(),
        amount: el.querySelector('[data-testid="ledger-amount"]')?.textContent?.trim(),
        credit: el.querySelector('[data-testid="ledger-amount"]')?.classList.contains('entry__amount--in'),
      })),
    )
    assert.deepEqual(
      rows.sort((a, b) => String(a.account).localeCompare(String(b.account))),
      [
        { type: '充值', account: '赠币', amount: '+300', credit: true },
        { type: '充值', account: '金币', amount: '+600', credit: true },
      ].sort((a, b) => a.account.localeCompare(b.account)),
    )
    await page.getByTestId('list-footer-done').waitFor()
    await page.screenshot({ path: screenshotPath('h5-ledger.png') })

    await back(page, 'pages/wallet/index')
    await back(page, 'pages/me/index')
    await textOf(page, 'wallet-balance', '600 金币 · 300 赠币')
  })

  it('opens the order left for a provider\'s cashier (Alipay on H5) when the client is loaded again', async () => {
    assert.ok(paidOrderNo)
    // What startPayment notes before sending the page to Alipay (uni's H5 storage format).
    await page.evaluate(
      ([key, orderNo]) => window.localStorage.setItem(key, JSON.stringify({ type: 'object', data: { orderNo, at: Date.now() } })),
      [REDIRECT_ORDER_KEY, paidOrderNo] as const,
    )
    await page.reload()
    await waitForRoute(page, 'pages/wallet/order')
    await page.getByTestId('order-paid').waitFor({ timeout: 35_000 })
    assert.equal((await page.getByTestId('order-no').innerText()).trim(), paidOrderNo)
    assert.equal(await page.evaluate((key) => window.localStorage.getItem(key), REDIRECT_ORDER_KEY), null, 'the note is used once')
    await back(page, 'pages/me/index')

    await page.reload()
    await waitForRoute(page, 'pages/me/index')
    await textOf(page, 'wallet-balance', '600 金币 · 300 赠币')
    assert.equal(await page.getByTestId('order-paid').count(), 0, 'not opened again')
  })

  it('leaves the order unpaid and the wallet unchanged when the sandbox cashier is cancelled', async () => {
    await page.getByTestId('open-wallet').click()
    await waitForRoute(page, 'pages/wallet/index')
    await page.getByTestId('open-recharge').click()
    await waitForRoute(page, 'pages/wallet/recharge')
    const medium = byName('1800金币')
    await page.getByTestId(`package-${medium.id}`).click()
    await page.locator(`[data-testid="package-${medium.id}"][aria-checked="true"]`).waitFor()
    await page.getByTestId('pay').click()
    await page.getByTestId('sandbox-cashier').waitFor()
    assert.equal((await page.getByTestId('cashier-item').innerText()).trim(), '1800 金币 + 200 赠币', 'no first-recharge bonus the second time')
    const orderNo = (await page.getByTestId('cashier-order-no').innerText()).trim()

    await page.getByTestId('cashier-cancel').click()
    await toastShown(page, '已取消支付，未扣款')
    assert.equal(await page.getByTestId('sandbox-cashier').count(), 0)
    await waitForRoute(page, 'pages/wallet/recharge')

    const order = (await api<{ order: Order }>(`/api/v1/orders/${orderNo}`, token)).order
    assert.notEqual(order.state, 'paid')
    assert.equal(order.paidAt, null)
    const wallet = await api<Wallet>('/api/v1/wallet', token)
    assert.deepEqual([wallet.paidCoins, wallet.bonusCoins], [600, 300])
    const ledger = await api<{ data: unknown[] }>('/api/v1/wallet/ledger', token)
    assert.equal(ledger.data.length, 2)

    await back(page, 'pages/wallet/index')
    await textOf(page, 'paid-coins', /^600$/)
    assert.equal((await page.getByTestId('bonus-coins').innerText()).trim(), '300')
  })

  it('raised no page errors', () => {
    assert.deepEqual(h5?.pageErrors.map((error) => error.message), [])
  })
})
