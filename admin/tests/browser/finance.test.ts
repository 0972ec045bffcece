import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import type { Page } from 'playwright-core'
import { API_URL, apiAs, browserSuite, MENUS, menuTitles, screenshot, signIn } from './support/harness.ts'

const suite = browserSuite()
const FINANCE = 'finance@duanju.dev'

interface Order {
  orderNo: string
  userId?: number
  amountFen: number
  coins: number
  bonusCoins: number
  state: string
  refundReason?: string | null
}

interface Wallet {
  paidCoins: number
  bonusCoins: number
}

interface LedgerEntry {
  type: string
  account: string
  amount: number
  memo: string | null
}

interface Package {
  id: number
  name: string
  priceFen: number
  coins: number
  bonusCoins: number
  platforms: string[]
  badge: string | null
  isActive: boolean
}

function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`
}

/** Calls the viewer API as a fresh guest; answers what the test needs to find the order again. */
async function viewerApi() {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${API_URL}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`)
    return JSON.parse(text) as T
  }
  const guest = await call<{ token: string; user: { id: number } }>('POST', '/api/v1/auth/guest', {
    deviceId: `e2e-admin-finance-${stamp()}`,
    platform: 'h5',
  })
  return { userId: guest.user.id, call: <T>(method: string, path: string, body?: unknown) => call<T>(method, path, body, guest.token) }
}

/** A new guest buys the first H5 recharge package through the sandbox provider: a paid order. */
async function paidOrder(): Promise<Order & { userId: number }> {
  const viewer = await viewerApi()
  const { data: packages } = await viewer.call<{ data: { id: number }[] }>('GET', '/api/v1/recharge-packages?platform=h5')
  const pkg = packages[0]
  if (!pkg) throw new Error('the API offers no recharge package on h5: is it seeded?')
  const created = await viewer.call<{ order: Order; payment: { confirmPath: string } }>('POST', '/api/v1/orders', {
    kind: 'recharge',
    itemId: pkg.id,
    provider: 'sandbox',
    platform: 'h5',
  })
  const { order } = await viewer.call<{ order: Order }>('POST', created.payment.confirmPath, { result: 'paid' })
  assert.equal(order.state, 'paid')
  return { ...order, userId: viewer.userId }
}

async function signedIn(email: string): Promise<Page> {
  const page = await suite.newPage()
  await signIn(page, email)
  await page.waitForURL((url) => url.pathname === '/dashboard')
  return page
}

async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.el-message--success', { hasText: text }).first().waitFor()
}

/** Screenshots show the page, not the toasts stacked over it (they leave after 3 s). */
async function toastsGone(page: Page): Promise<void> {
  await eventually(() => page.locator('.el-message').count(), 0, 'the toasts have faded')
}

async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const until = Date.now() + 15_000
  let last = await read()
  while (!isDeepStrictEqual(last, expected)) {
    if (Date.now() > until) assert.deepEqual(last, expected, what)
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

describe('finance screens in Chromium', () => {
  test('finance finds a paid order, sees its verified callback, refunds it, and grants coins in the wallet', async () => {
    const order = await paidOrder()
    const reason = `E2E 用户申请退款 ${stamp()}`
    const page = await signedIn(FINANCE)

    await page.locator('aside').getByText('订单', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/orders')
    const table = page.getByTestId('orders-table')
    await table.locator('.el-table__row').first().waitFor()
    await page.getByTestId('orders-order-no').fill(order.orderNo)
    await page.getByTestId('orders-search').click()
    await page.waitForURL((url) => url.searchParams.get('orderNo') === order.orderNo)
    await eventually(() => table.locator('.el-table__row').count(), 1, 'one order matches its number')
    const row = table.locator('.el-table__row', { hasText: order.orderNo })
    assert.match(await row.innerText(), /已支付/)
    assert.equal((await row.getByTestId('order-provider').innerText()).trim(), '沙箱')
    assert.equal((await row.getByTestId('order-platform').innerText()).trim(), 'H5')
    assert.equal((await row.getByTestId('order-amount').innerText()).trim(), yuan(order.amountFen))
    // Finance staff do not manage users: the user id leads to the wallet instead.
    assert.equal(await row.getByTestId('order-user').getAttribute('href'), `/finance/wallets/${order.userId}`)
    await screenshot(page, 'orders-list')

    await row.click()
    await page.waitForURL((url) => url.pathname === `/orders/${order.orderNo}`)
    await page.locator('aside .el-menu-item.is-active', { hasText: '订单' }).waitFor()
    assert.equal((await page.getByTestId('order-detail-no').innerText()).trim(), order.orderNo)
    const callback = page.getByTestId('order-callback').first()
    await callback.waitFor()
    assert.equal(await callback.getAttribute('data-verified'), 'true')
    assert.match(await callback.innerText(), /验签通过/)
    assert.match(await callback.innerText(), /支付成功，已入账/)
    await screenshot(page, 'order-detail')

    // The reason is required before anything reaches the server.
    await page.getByTestId('refund-order').click()
    const dialog = page.getByTestId('refund-dialog')
    await dialog.getByTestId('refund-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '请填写退款原因' }).waitFor()
    await dialog.getByTestId('refund-reason').fill(reason)
    await dialog.locator('.el-form-item__error').waitFor({ state: 'detached' })
    await screenshot(page, 'order-refund-dialog')
    await dialog.getByTestId('refund-submit').click()
    await toast(page, `订单已退款，收回 ${order.coins + order.bonusCoins} 金币`)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('order-fields').getByTestId('order-state').filter({ hasText: '已退款' }).waitFor()
    assert.equal((await page.getByTestId('order-refund-reason').innerText()).trim(), reason)
    assert.equal(await page.getByTestId('refund-order').count(), 0)
    // The ledger card shows the credit and the refund, both sides of each transfer.
    await page.getByTestId('order-ledger').getByTestId('order-ledger-amount').nth(3).waitFor()
    const amounts = await page.getByTestId('order-ledger').getByTestId('order-ledger-amount').allInnerTexts()
    const shown = amounts.map((a) => a.trim())
    assert.ok(shown.includes(`+${order.coins}`), `credit in ${shown.join(', ')}`)
    assert.ok(shown.includes(`-${order.coins}`), `debit in ${shown.join(', ')}`)
    await toastsGone(page)
    await screenshot(page, 'order-refunded')

    const api = await apiAs(FINANCE)
    const detail = await api<{ order: Order }>('GET', `/admin/v1/orders/${order.orderNo}`)
    assert.equal(detail.order.state, 'refunded')
    assert.equal(detail.order.refundReason, reason)

    // The viewer's wallet: the recharge and its reversal, then a grant of 100 coins.
    await page.getByTestId('order-wallet-link').click()
    await page.waitForURL((url) => url.pathname === `/finance/wallets/${order.userId}`)
    await page.locator('aside .el-menu-item.is-active', { hasText: '用户钱包' }).waitFor()
    const ledger = page.getByTestId('ledger-table')
    await ledger.locator('[data-type="refund"]').first().waitFor()
    await ledger.locator('[data-type="recharge"]').first().waitFor()
    assert.equal((await page.getByTestId('wallet-paid').innerText()).trim(), '0')

    const grantReason = `E2E 客诉补偿 ${stamp()}`
    await page.getByTestId('grant-coins').click()
    const grant = page.getByTestId('grant-dialog')
    await grant.getByTestId('grant-submit').click()
    await grant.locator('.el-form-item__error', { hasText: '请填写补发的金币或赠币数量' }).waitFor()
    await grant.locator('[data-testid="grant-paid"] input').fill('100')
    await grant.getByTestId('grant-reason').fill(grantReason)
    await screenshot(page, 'wallet-grant-dialog')
    await grant.getByTestId('grant-submit').click()
    await toast(page, `已向用户 ${order.userId} 补发 100 金币`)
    await grant.waitFor({ state: 'hidden' })
    const first = ledger.locator('.el-table__row').first()
    await first.filter({ hasText: grantReason }).waitFor()
    assert.match(await first.innerText(), /赠送/)
    assert.equal((await first.getByTestId('ledger-amount').innerText()).trim(), '+100')
    assert.match(await first.innerText(), /管理员 #\d+/)
    assert.equal((await page.getByTestId('wallet-paid').innerText()).trim(), '100')
    await toastsGone(page)
    await screenshot(page, 'wallet-granted')

    const wallet = await api<{ wallet: Wallet; ledger: { data: LedgerEntry[] } }>('GET', `/admin/v1/users/${order.userId}/wallet?limit=1`)
    assert.equal(wallet.wallet.paidCoins, 100)
    const entry = wallet.ledger.data[0]
    assert.deepEqual([entry?.type, entry?.account, entry?.amount, entry?.memo], ['grant', 'paid', 100, grantReason])
  })

  test('a refund of spent coins explains what is lost and needs 强制退款', async () => {
    const order = await paidOrder()
    const api = await apiAs(FINANCE)
    // The viewer spends part of the purchase (a deduction stands in for unlocking episodes).
    await api('POST', `/admin/v1/users/${order.userId}/coins/deduct`, { amount: 100, reason: 'E2E 模拟消费' })
    const credited = order.coins + order.bonusCoins
    const recoverable = credited - 100

    const page = await signedIn(FINANCE)
    await page.goto(`/orders/${order.orderNo}`)
    await page.getByTestId('refund-order').click()
    const dialog = page.getByTestId('refund-dialog')
    await dialog.getByTestId('refund-reason').fill(`E2E 强制退款 ${stamp()}`)
    await dialog.getByTestId('refund-submit').click()
    const spent = dialog.getByTestId('refund-spent')
    await spent.waitFor()
    assert.match(
      await spent.innerText(),
      new RegExp(`本单共发放 ${credited} 金币（含赠币），目前只能收回 ${recoverable} 金币，另有 100 金币已被消费`),
    )
    // Nothing was refunded; the button waits for the checkbox.
    assert.equal((await api<{ order: Order }>('GET', `/admin/v1/orders/${order.orderNo}`)).order.state, 'paid')
    assert.equal(await dialog.getByTestId('refund-submit').isDisabled(), true)
    await dialog.getByTestId('refund-force').click()
    await screenshot(page, 'order-refund-spent')
    await dialog.getByTestId('refund-submit').click()
    await toast(page, `订单已退款，收回 ${recoverable} 金币，100 金币已被消费、无法收回`)
    await page.getByTestId('order-fields').getByTestId('order-state').filter({ hasText: '已退款' }).waitFor()
  })

  test('finance opens a wallet by user id and deducts coins; the user page links to the wallet', async () => {
    const order = await paidOrder()
    const page = await signedIn(FINANCE)
    await page.locator('aside').getByText('用户钱包', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/finance/wallets')
    await page.getByTestId('wallet-open').click()
    await page.locator('.el-form-item__error', { hasText: '请输入数字用户 ID' }).waitFor()
    await page.getByTestId('wallet-user-id').fill(String(order.userId))
    await page.getByTestId('wallet-open').click()
    await page.waitForURL((url) => url.pathname === `/finance/wallets/${order.userId}`)
    assert.equal((await page.getByTestId('wallet-paid').innerText()).trim(), String(order.coins))
    assert.equal((await page.getByTestId('wallet-bonus').innerText()).trim(), String(order.bonusCoins))
    const total = order.coins + order.bonusCoins
    await screenshot(page, 'wallet')

    const dialog = page.getByTestId('deduct-dialog')
    await page.getByTestId('deduct-coins').click()
    await dialog.locator('[data-testid="deduct-amount"] input').fill(String(total + 1))
    await dialog.getByTestId('deduct-reason').fill('E2E 扣减过多')
    await dialog.getByTestId('deduct-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: `余额不足：当前共 ${total} 金币，不够扣减 ${total + 1} 金币` }).waitFor()
    await screenshot(page, 'wallet-deduct-insufficient')
    await dialog.locator('[data-testid="deduct-amount"] input').fill('50')
    await dialog.getByTestId('deduct-submit').click()
    await toast(page, `已从用户 ${order.userId} 扣减 50 金币`)
    const first = page.getByTestId('ledger-table').locator('.el-table__row').first()
    await first.filter({ hasText: 'E2E 扣减过多' }).waitFor()
    assert.match(await first.innerText(), /扣减/)
    assert.equal((await first.getByTestId('ledger-amount').innerText()).trim(), '−50')
    assert.equal((await page.getByTestId('wallet-total').innerText()).trim(), String(total - 50))

    // An admin who manages users and finance reaches the wallet from the user page and the order list.
    const admin = await signedIn('admin@duanju.dev')
    await admin.goto(`/users/${order.userId}`)
    await admin.getByTestId('user-wallet-link').click()
    await admin.waitForURL((url) => url.pathname === `/finance/wallets/${order.userId}`)
    await admin.getByTestId('ledger-table').locator('.el-table__row').first().waitFor()
    await admin.goto(`/orders?userId=${order.userId}`)
    const link = admin.getByTestId('orders-table').getByTestId('order-user').first()
    await link.waitFor()
    assert.equal(await link.getAttribute('href'), `/users/${order.userId}`)
  })

  test('finance creates a recharge package priced in yuan, edits its price and deactivates it', async () => {
    const name = `E2E套餐${stamp().slice(-6)}`
    const page = await signedIn(FINANCE)
    await page.locator('aside').getByText('充值套餐', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/finance/packages')
    const table = page.getByTestId('packages-table')
    await table.locator('.el-table__row', { hasText: '600金币' }).waitFor()

    await page.getByTestId('create-package').click()
    const dialog = page.getByTestId('package-dialog')
    await dialog.getByTestId('package-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '请输入名称' }).waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '请输入价格' }).waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '请输入金币数量' }).waitFor()

    await dialog.locator('input[name="package-name"]').fill(name)
    await dialog.locator('[data-testid="package-price"] input').fill('19.99')
    await dialog.locator('[data-testid="package-coins"] input').fill('1999')
    await dialog.locator('[data-testid="package-bonus"] input').fill('100')
    await dialog.locator('[data-platform="mp-weixin"]').click()
    await dialog.locator('input[name="package-badge"]').fill('限时')
    await dialog.locator('input[name="package-name"]').click()
    await screenshot(page, 'package-dialog')
    await dialog.getByTestId('package-submit').click()
    await toast(page, `已创建套餐「${name}」`)
    await dialog.waitFor({ state: 'hidden' })
    const row = table.locator('.el-table__row', { hasText: name })
    await row.waitFor()
    assert.equal((await row.getByTestId('package-price-cell').innerText()).trim(), '¥19.99')
    assert.doesNotMatch(await row.innerText(), /微信小程序/)
    await toastsGone(page)
    await screenshot(page, 'packages-list')

    const api = await apiAs(FINANCE)
    const created = (await api<{ data: Package[] }>('GET', '/admin/v1/recharge-packages')).data.find((pkg) => pkg.name === name)
    assert.ok(created, 'the new package is listed by the API')
    assert.deepEqual(
      { priceFen: created.priceFen, coins: created.coins, bonusCoins: created.bonusCoins, platforms: created.platforms, badge: created.badge },
      { priceFen: 1999, coins: 1999, bonusCoins: 100, platforms: ['app-android', 'app-ios', 'h5'], badge: '限时' },
    )

    // Editing shows the saved price in yuan and sends only what changed.
    await row.getByTestId('edit-package').click()
    assert.equal(await dialog.locator('[data-testid="package-price"] input').inputValue(), '19.99')
    await dialog.locator('[data-testid="package-price"] input').fill('29.9')
    await dialog.locator('input[name="package-name"]').click()
    await dialog.getByTestId('package-submit').click()
    await toast(page, `已保存套餐「${name}」`)
    await row.getByTestId('package-price-cell').filter({ hasText: '¥29.90' }).waitFor()
    const edited = (await api<{ data: Package[] }>('GET', '/admin/v1/recharge-packages')).data.find((pkg) => pkg.id === created.id)
    assert.equal(edited?.priceFen, 2990)

    // Viewers are not offered test packages: switch it off again.
    await row.getByTestId('package-active-switch').click()
    await toast(page, `已停用套餐「${name}」`)
    const after = (await api<{ data: Package[] }>('GET', '/admin/v1/recharge-packages')).data.find((pkg) => pkg.id === created.id)
    assert.equal(after?.isActive, false)
  })

  test('operator sees orders but cannot refund, and gets the 403 page for the finance screens', async () => {
    const order = await paidOrder()
    const page = await signedIn('operator@duanju.dev')
    assert.deepEqual(await menuTitles(page), MENUS.operator)
    await page.locator('aside').getByText('订单', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/orders')
    await page.goto(`/orders/${order.orderNo}`)
    await page.getByTestId('order-callback').first().waitFor()
    await page.getByTestId('order-fields').getByTestId('order-state').filter({ hasText: '已支付' }).waitFor()
    assert.equal(await page.getByTestId('refund-order').isVisible(), false)
    assert.equal(await page.getByTestId('order-wallet-link').isVisible(), false)
    assert.equal(await page.getByTestId('order-user-link').isVisible(), true)
    await screenshot(page, 'order-detail-operator')

    await page.goto('/finance/packages')
    await page.getByTestId('forbidden').waitFor()
    assert.equal(new URL(page.url()).pathname, '/403')
    assert.equal(new URL(page.url()).searchParams.get('from'), '/finance/packages')
  })
})
