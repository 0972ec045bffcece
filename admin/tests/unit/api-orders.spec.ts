import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { getOrder, listOrders, ordersQuery, refundOrder } from '@/api/orders'
import { getWallet } from '@/api/wallets'
import { startTestApi, type TestApiServer } from './support/api-server'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  await api.close()
})

function lastRequest(path: string) {
  return api.requests.filter((request) => request.path === path).at(-1)
}

function orderNoOf(index: number): string {
  const order = api.finance.orders[index]
  if (!order) throw new Error(`no seeded order ${index}`)
  return order.orderNo
}

describe('ordersQuery', () => {
  it('sends only the filters that are set, trimmed, and drops a user id that is not a number', () => {
    expect(ordersQuery({ state: 'paid', provider: '', orderNo: '  DJ1 ', userId: ' 42 ' }, { page: 2, limit: 20 })).toEqual({
      state: 'paid',
      orderNo: 'DJ1',
      userId: '42',
      page: 2,
      limit: 20,
    })
    expect(ordersQuery({ userId: '4x' })).toEqual({})
    expect(ordersQuery({})).toEqual({})
  })
})

describe('orders api', () => {
  it('lists a page of orders, newest first, with the page meta', async () => {
    const auth = await signedInClient(api, 'finance@duanju.dev')
    const page = await listOrders({}, { page: 1, limit: 2 })
    expect(page.data.map((order) => order.orderNo)).toEqual([orderNoOf(4), orderNoOf(3)])
    expect(page.meta).toEqual({ total: 5, page: 1, lastPage: 3, limit: 2 })
    expect(lastRequest('/admin/v1/orders')?.query).toEqual({ page: '1', limit: '2' })
    expect(lastRequest('/admin/v1/orders')?.headers.authorization).toBe(`Bearer ${auth.token}`)
    expect(page.data[1]).toMatchObject({ userId: 2, provider: 'apple', amountFen: 4800, coins: 5000, bonusCoins: 1000, state: 'paid', packageName: '5000金币' })
  })

  it('filters by state, provider, user and order number', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect((await listOrders({ state: 'paid' })).data.map((order) => order.provider)).toEqual(['apple', 'alipay', 'sandbox'])
    expect((await listOrders({ provider: 'sandbox', userId: '1' })).data.map((order) => order.orderNo)).toEqual([orderNoOf(0)])
    expect((await listOrders({ orderNo: ` ${orderNoOf(1)} ` })).data.map((order) => order.state)).toEqual(['closed'])
    expect(lastRequest('/admin/v1/orders')?.query).toEqual({ orderNo: orderNoOf(1) })
  })

  it('loads an order with its callbacks, and reports a missing one as NOT_FOUND without a toast', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const closed = await getOrder(orderNoOf(1))
    expect(closed.order.state).toBe('closed')
    expect(closed.callbacks.map((callback) => [callback.verified, callback.outcome])).toEqual([
      [false, 'rejected: bad signature'],
      [true, 'closed'],
    ])
    const error = await rejectionOf(getOrder('DJ-NOPE'))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('refunds a paid order with a trimmed reason and takes its coins back', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const orderNo = orderNoOf(2)
    const result = await refundOrder(orderNo, '  用户申请退款  ')
    expect(lastRequest(`/admin/v1/orders/${orderNo}/refund`)).toMatchObject({ method: 'POST', body: { reason: '用户申请退款' } })
    expect(result).toMatchObject({ recovered: 2000, shortfall: 0, order: { orderNo, state: 'refunded', refundReason: '用户申请退款' } })
    expect(result.order.refundedAt).toEqual(expect.any(String))
    expect(api.data.audit.at(-1)).toMatchObject({ action: 'payments.refund', target: { type: 'order', id: orderNo } })

    const again = await rejectionOf(refundOrder(orderNo, '再退一次'))
    expect(again).toMatchObject({ status: 409, code: 'ORDER_NOT_REFUNDABLE' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('refuses while coins are spent (COINS_ALREADY_SPENT with credited/recoverable) until forced', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const orderNo = orderNoOf(0)
    // Viewer 1 has spent every bonus coin and all but 600 paid ones.
    api.finance.paid.set(1, 600)
    for (const lot of api.finance.lots) if (lot.userId === 1) lot.remaining = 0

    const error = (await rejectionOf(refundOrder(orderNo, '重复扣款'))) as ApiError
    expect(error).toMatchObject({ status: 409, code: 'COINS_ALREADY_SPENT' })
    expect(error.details).toEqual({ credited: 900, recoverable: 600 })
    expect(lastRequest(`/admin/v1/orders/${orderNo}/refund`)?.body).toEqual({ reason: '重复扣款' })

    const forced = await refundOrder(orderNo, '重复扣款', true)
    expect(lastRequest(`/admin/v1/orders/${orderNo}/refund`)?.body).toEqual({ reason: '重复扣款', force: true })
    expect(forced).toMatchObject({ recovered: 600, shortfall: 300, order: { state: 'refunded' } })
    const { ledger } = await getWallet(1)
    expect(ledger.data[0]).toMatchObject({ type: 'refund', account: 'paid', amount: -600, balanceAfter: 0, reference: { type: 'order', id: orderNo } })
  })

  it('reports Apple orders as REFUND_NOT_SUPPORTED and a failing provider as PAYMENT_PROVIDER_ERROR', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    expect(await rejectionOf(refundOrder(orderNoOf(3), '用户申请'))).toMatchObject({ status: 409, code: 'REFUND_NOT_SUPPORTED' })
    api.finance.failingProviders.add('alipay')
    expect(await rejectionOf(refundOrder(orderNoOf(2), '用户申请'))).toMatchObject({ status: 502, code: 'PAYMENT_PROVIDER_ERROR' })
    expect(api.finance.orders[2]?.state).toBe('paid')
  })

  it('returns the reason validation error as a field error', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const error = (await rejectionOf(refundOrder(orderNoOf(0), ' x '))) as ApiError
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['reason'])
  })

  it('lets an operator read orders but not refund them, and keeps reviewers out', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    await expect(getOrder(orderNoOf(0))).resolves.toMatchObject({ order: { state: 'paid' } })
    expect(await rejectionOf(refundOrder(orderNoOf(0), '用户申请'))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
    await signedInClient(api, 'reviewer@duanju.dev')
    expect(await rejectionOf(listOrders({}))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
