import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { confirmSandboxPayment, createRechargeOrder, fetchOrder, fetchPaymentProviders, fetchRechargePackages } from '@/api/payments'
import { ApiError, onUnauthorized } from '@/api/request'
import { fetchLedger, fetchWallet } from '@/api/wallet'
import { translate } from '@/locale'
import { useSessionStore } from '@/stores/session'
import { useWalletStore } from '@/stores/wallet'
import { errorMessage } from '@/utils/errors'
import { setToken } from '@/utils/token'
import { startApiServer, type ApiServer } from './support/api-server'
import { installUni } from './support/uni'

let api: ApiServer
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-Hans', key, params)

beforeEach(async () => {
  api = await startApiServer()
  installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  onUnauthorized(null)
})

afterEach(async () => {
  await api.close()
})

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

/** A guest token the stand-in knows, stored as the session store would. */
async function guestToken(deviceId = 'device-1'): Promise<string> {
  const response = await fetch(`${api.url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId, platform: 'h5' }),
  })
  const { token } = (await response.json()) as { token: string }
  setToken(token)
  return token
}

describe('GET /api/v1/wallet', () => {
  it('returns an empty wallet for a new guest, with the token', async () => {
    const token = await guestToken()
    expect(await fetchWallet()).toEqual({
      paidCoins: 0,
      bonusCoins: 0,
      bonusExpiring: [],
      points: 0,
      vip: { active: false, plan: null, expiresAt: null },
    })
    expect(api.callsTo('GET', '/api/v1/wallet')[0]?.authorization).toBe(`Bearer ${token}`)
  })

  it('is 401 without a session', async () => {
    const error = await caught(fetchWallet())
    expect([error.status, error.code]).toEqual([401, 'UNAUTHENTICATED'])
  })
})

describe('GET /api/v1/wallet/ledger', () => {
  it('sends only the parameters that are set', async () => {
    await guestToken()
    await fetchLedger()
    await fetchLedger({ limit: 20, cursor: null })
    await fetchLedger({ limit: 2, cursor: '7' })
    expect(api.callsTo('GET', '/api/v1/wallet/ledger').map((r) => r.query)).toEqual(['', '?limit=20', '?limit=2&cursor=7'])
  })

  it('pages newest first with the cursor until nextCursor is null', async () => {
    const token = await guestToken()
    api.grantCoins(token, { paid: 100, memo: '补偿' })
    api.grantCoins(token, { paid: 50, bonus: [{ coins: 30, expiresAt: '2099-01-01T00:00:00.000Z' }] })
    const first = await fetchLedger({ limit: 2 })
    expect(first.data.map((e) => [e.type, e.account, e.amount, e.balanceAfter])).toEqual([
      ['grant', 'bonus', 30, 30],
      ['grant', 'paid', 50, 150],
    ])
    expect(first.nextCursor).toBe(String(first.data[1]?.id))
    const second = await fetchLedger({ limit: 2, cursor: first.nextCursor })
    expect(second.data).toHaveLength(1)
    expect(second.data[0]).toMatchObject({ type: 'grant', account: 'paid', amount: 100, memo: '补偿', reference: null })
    expect(second.nextCursor).toBeNull()
  })
})

describe('GET /api/v1/recharge-packages', () => {
  it('asks for the platform and returns the packages in operator order', async () => {
    const packages = await fetchRechargePackages('h5')
    expect(api.callsTo('GET', '/api/v1/recharge-packages')[0]?.query).toBe('?platform=h5')
    expect(packages.map((p) => [p.name, p.priceFen, p.coins, p.bonusCoins, p.firstRechargeBonus])).toEqual([
      ['600金币', 600, 600, 0, 300],
      ['1800金币', 1800, 1800, 200, 0],
      ['5000金币', 4800, 5000, 1000, 0],
    ])
    expect(packages[0]).toEqual({ id: 1, name: '600金币', priceFen: 600, coins: 600, bonusCoins: 0, bonusExpiresDays: 30, firstRechargeBonus: 300, badge: '首充翻倍' })
  })

  it('leaves out what the operator does not offer on that platform', async () => {
    api.packages[2]!.platforms = ['app-android']
    expect((await fetchRechargePackages('mp-weixin')).map((p) => p.id)).toEqual([1, 2])
    expect((await fetchRechargePackages('app-android')).map((p) => p.id)).toEqual([1, 2, 3])
  })
})

describe('GET /api/v1/payments/providers', () => {
  it('asks for the platform and returns what the server runs there', async () => {
    expect(await fetchPaymentProviders('h5')).toEqual(['sandbox'])
    const [sent] = api.callsTo('GET', '/api/v1/payments/providers')
    expect(sent?.query).toBe('?platform=h5')
    api.providers.add('wechatpay')
    api.providers.add('alipay')
    api.providers.add('apple')
    expect(await fetchPaymentProviders('app-android')).toEqual(['wechatpay', 'alipay', 'sandbox'])
    expect(await fetchPaymentProviders('app-ios')).toEqual(['apple', 'sandbox'])
    expect(await fetchPaymentProviders('mp-weixin')).toEqual(['wechatpay', 'sandbox'])
    api.providers.delete('sandbox')
    expect(await fetchPaymentProviders('h5')).toEqual(['alipay'])
  })
})

describe('orders and the sandbox cashier', () => {
  it('creates a recharge order with the first-recharge bonus and the sandbox payment', async () => {
    await guestToken()
    const { order, payment } = await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    expect(api.callsTo('POST', '/api/v1/orders')[0]?.body).toEqual({ kind: 'recharge', itemId: 1, provider: 'sandbox', platform: 'h5' })
    expect(order).toMatchObject({ kind: 'recharge', itemId: '1', amountFen: 600, coins: 600, bonusCoins: 300, provider: 'sandbox', platform: 'h5', state: 'pending', paidAt: null })
    expect(payment).toMatchObject({ orderNo: order.orderNo, amountFen: 600, confirmPath: `/api/v1/payments/sandbox/orders/${order.orderNo}/confirm` })
  })

  it('pays in the sandbox: the order is paid and the wallet and ledger have the coins', async () => {
    await guestToken()
    const { order } = await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    const paid = await confirmSandboxPayment(order.orderNo, 'paid')
    expect(api.callsTo('POST', `/api/v1/payments/sandbox/orders/${order.orderNo}/confirm`)[0]?.body).toEqual({ result: 'paid' })
    expect(paid.state).toBe('paid')
    expect((await fetchOrder(order.orderNo)).state).toBe('paid')
    const wallet = await fetchWallet()
    expect([wallet.paidCoins, wallet.bonusCoins]).toEqual([600, 300])
    expect(wallet.bonusExpiring).toHaveLength(1)
    const ledger = await fetchLedger()
    expect(ledger.data.map((e) => [e.type, e.account, e.amount])).toEqual([
      ['recharge', 'bonus', 300],
      ['recharge', 'paid', 600],
    ])
    expect(ledger.data[0]?.reference).toEqual({ type: 'order', id: order.orderNo })

    // The first-recharge bonus is for the first paid order only.
    const second = await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    expect(second.order.bonusCoins).toBe(0)
  })

  it('cancels in the sandbox: the order closes and the wallet stays as it was', async () => {
    await guestToken()
    const { order } = await createRechargeOrder({ packageId: 2, provider: 'sandbox', platform: 'h5' })
    expect((await confirmSandboxPayment(order.orderNo, 'closed')).state).toBe('closed')
    expect((await fetchWallet()).paidCoins).toBe(0)
    expect((await fetchLedger()).data).toEqual([])
  })

  it('reads WeChat Pay parameters for the mini-program and for the app', async () => {
    api.providers.add('wechatpay')
    await guestToken()
    const app = await createRechargeOrder({ packageId: 2, provider: 'wechatpay', platform: 'app-android' })
    expect(Object.keys(app.payment).sort()).toEqual(['appid', 'noncestr', 'package', 'partnerid', 'prepayid', 'sign', 'timestamp'])
    const error = await caught(createRechargeOrder({ packageId: 2, provider: 'wechatpay', platform: 'mp-weixin' }))
    expect([error.status, error.code, error.details?.code]).toEqual([502, 'PAYMENT_PROVIDER_ERROR', 'NO_OPENID'])
    expect(errorMessage(error, t)).toBe('请先使用微信登录，再用微信支付')
  })

  it('reads Alipay parameters for the app and H5, and Apple parameters for iOS', async () => {
    api.providers.add('alipay')
    api.providers.add('apple')
    await guestToken()
    const app = await createRechargeOrder({ packageId: 1, provider: 'alipay', platform: 'app-android' })
    expect(Object.keys(app.payment)).toEqual(['orderInfo'])
    const web = await createRechargeOrder({ packageId: 1, provider: 'alipay', platform: 'h5' })
    expect(Object.keys(web.payment)).toEqual(['payUrl'])
    const ios = await createRechargeOrder({ packageId: 1, provider: 'apple', platform: 'app-ios' })
    expect(ios.payment).toMatchObject({ orderNo: ios.order.orderNo, productId: expect.any(String), appAccountToken: expect.any(String) })
  })

  it('is 404 PROVIDER_UNAVAILABLE where the server does not run the provider', async () => {
    await guestToken()
    const wechat = await caught(createRechargeOrder({ packageId: 1, provider: 'wechatpay', platform: 'h5' }))
    expect([wechat.status, wechat.code]).toEqual([404, 'PROVIDER_UNAVAILABLE'])
    expect(errorMessage(wechat, t)).toBe('当前环境暂不支持该支付方式')
    api.providers.delete('sandbox')
    const sandbox = await caught(createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' }))
    expect(sandbox.code).toBe('PROVIDER_UNAVAILABLE')
  })

  it('is 404 NOT_FOUND for a package not offered on the platform, and for another viewer’s order', async () => {
    await guestToken('device-a')
    expect((await caught(createRechargeOrder({ packageId: 99, provider: 'sandbox', platform: 'h5' }))).code).toBe('NOT_FOUND')
    const { order } = await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    await guestToken('device-b')
    const error = await caught(fetchOrder(order.orderNo))
    expect([error.status, error.code]).toEqual([404, 'NOT_FOUND'])
    expect((await caught(confirmSandboxPayment(order.orderNo, 'paid'))).status).toBe(404)
  })

  it('reports too many unpaid orders as a rate limit with the wait', async () => {
    await guestToken()
    for (let i = 0; i < 5; i++) await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    const error = await caught(createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' }))
    expect([error.status, error.code, error.retryAfter]).toEqual([429, 'RATE_LIMITED', 3600])
    expect(errorMessage(error, t)).toBe('操作太频繁，请 1 小时后再试')
  })
})

describe('wallet store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  it('loads the balances of the viewer signed in, after the launch sign-in', async () => {
    const session = useSessionStore()
    const wallet = useWalletStore()
    void session.start()
    await wallet.refresh()
    expect(wallet.status).toBe('ready')
    expect(wallet.wallet).toMatchObject({ paidCoins: 0, bonusCoins: 0 })
    expect(api.callsTo('GET', '/api/v1/wallet')).toHaveLength(1)
  })

  it('never shows one account’s balances to another', async () => {
    const session = useSessionStore()
    const wallet = useWalletStore()
    await session.start()
    await wallet.refresh()
    expect(wallet.wallet).not.toBeNull()
    session.user = { ...session.user!, id: 9999 }
    expect(wallet.wallet).toBeNull()
  })

  it('keeps the payment of an order created in this run, for resuming it', async () => {
    await guestToken()
    const wallet = useWalletStore()
    const created = await createRechargeOrder({ packageId: 1, provider: 'sandbox', platform: 'h5' })
    wallet.rememberPayment(created)
    expect(wallet.paymentFor(created.order.orderNo)).toEqual({ provider: 'sandbox', payment: created.payment })
    expect(wallet.paymentFor('DJ0')).toBeUndefined()
  })
})
