import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRechargeOrder, fetchOrder } from '@/api/payments'
import { ApiError, onUnauthorized } from '@/api/request'
import { isTransient, pollOrder, POLL_INTERVAL_MS, POLL_TIMEOUT_MS } from '@/utils/orderPolling'
import { setToken } from '@/utils/token'
import { startApiServer, type ApiServer } from './support/api-server'
import { installUni } from './support/uni'

let api: ApiServer

beforeEach(async () => {
  api = await startApiServer()
  installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  onUnauthorized(null)
  api.providers.add('wechatpay')
  const response = await fetch(`${api.url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId: 'device-1', platform: 'app-android' }),
  })
  setToken(((await response.json()) as { token: string }).token)
})

afterEach(async () => {
  await api.close()
})

/** A WeChat Pay order waiting for WeChat's callback. */
async function pendingOrder(): Promise<string> {
  const { order } = await createRechargeOrder({ packageId: 1, provider: 'wechatpay', platform: 'app-android' })
  return order.orderNo
}

/** A clock that only moves when the poller sleeps, and a sleep that runs `onSleep` each time. */
function virtualTime(onSleep: (count: number) => void = () => {}) {
  let now = 1_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
      onSleep(sleeps.length)
    },
  }
}

const polls = (orderNo: string) => api.callsTo('GET', `/api/v1/orders/${orderNo}`).length

describe('pollOrder', () => {
  it('asks every 1.5 s for up to 30 s by default', () => {
    expect([POLL_INTERVAL_MS, POLL_TIMEOUT_MS]).toEqual([1500, 30_000])
  })

  it('resolves when the order is paid, after the callback arrives', async () => {
    const orderNo = await pendingOrder()
    const clock = virtualTime((count) => {
      if (count === 3) api.settleOrder(orderNo, 'paid')
    })
    const states: string[] = []
    const result = await pollOrder(() => fetchOrder(orderNo), { ...clock, onUpdate: (order) => states.push(order.state) })
    expect(result.outcome).toBe('paid')
    expect(result.order).toMatchObject({ orderNo, state: 'paid', coins: 600, bonusCoins: 300 })
    expect(states).toEqual(['pending', 'pending', 'pending', 'paid'])
    expect(polls(orderNo)).toBe(4)
    expect(clock.sleeps).toEqual([1500, 1500, 1500])
  })

  it('stops at once when the order is closed', async () => {
    const orderNo = await pendingOrder()
    const clock = virtualTime((count) => {
      if (count === 1) api.settleOrder(orderNo, 'closed')
    })
    const result = await pollOrder(() => fetchOrder(orderNo), clock)
    expect(result.outcome).toBe('closed')
    expect(result.order?.state).toBe('closed')
    expect(polls(orderNo)).toBe(2)
  })

  it('answers an order that is already paid without waiting', async () => {
    const orderNo = await pendingOrder()
    api.settleOrder(orderNo, 'paid')
    const clock = virtualTime()
    expect((await pollOrder(() => fetchOrder(orderNo), clock)).outcome).toBe('paid')
    expect(clock.sleeps).toEqual([])
  })

  it('times out after 30 s of pending, having asked at 0, 1.5, …, 30 s', async () => {
    const orderNo = await pendingOrder()
    const clock = virtualTime()
    const result = await pollOrder(() => fetchOrder(orderNo), clock)
    expect(result.outcome).toBe('timeout')
    expect(result.order?.state).toBe('pending')
    expect(result.error).toBeNull()
    expect(polls(orderNo)).toBe(21)
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000)
  })

  it('never sleeps past the deadline', async () => {
    const orderNo = await pendingOrder()
    const clock = virtualTime()
    await pollOrder(() => fetchOrder(orderNo), { ...clock, intervalMs: 4000, timeoutMs: 10_000 })
    expect(clock.sleeps).toEqual([4000, 4000, 2000])
  })

  it('rides out server failures and lost connections until the answer comes', async () => {
    const orderNo = await pendingOrder()
    let calls = 0
    api.route(`GET /api/v1/orders/${orderNo}`, () => {
      calls += 1
      if (calls === 1) return { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Down' } } }
      if (calls === 2) return { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } }, headers: { 'Retry-After': '1' } }
      return { status: 200, body: { order: { ...api.orders.get(orderNo), state: 'paid' } } }
    })
    const result = await pollOrder(() => fetchOrder(orderNo), virtualTime())
    expect(result.outcome).toBe('paid')
    expect(calls).toBe(3)
  })

  it('times out with the last failure when the API never answers', async () => {
    vi.stubEnv('VITE_API_BASE', 'http://127.0.0.1:9')
    const clock = virtualTime()
    const result = await pollOrder(() => fetchOrder('DJ1'), { ...clock, intervalMs: 1500, timeoutMs: 3000 })
    expect(result.outcome).toBe('timeout')
    expect(result.order).toBeNull()
    expect(result.error).toBeInstanceOf(ApiError)
    expect((result.error as ApiError).code).toBe('NETWORK_ERROR')
  })

  it('gives up at once on an order that is not the viewer’s (404)', async () => {
    const clock = virtualTime()
    const failure = await pollOrder(() => fetchOrder('DJ404'), clock).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(404)
    expect(clock.sleeps).toEqual([])
  })

  it('stops when the page goes away', async () => {
    const orderNo = await pendingOrder()
    let gone = false
    const clock = virtualTime((count) => {
      if (count === 2) gone = true
    })
    const result = await pollOrder(() => fetchOrder(orderNo), { ...clock, stopped: () => gone })
    expect(result.outcome).toBe('stopped')
    expect(polls(orderNo)).toBe(2)
  })

  it('waits in real time by default', async () => {
    const orderNo = await pendingOrder()
    const started = Date.now()
    const result = await pollOrder(() => fetchOrder(orderNo), { intervalMs: 20, timeoutMs: 60 })
    expect(result.outcome).toBe('timeout')
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })
})

describe('isTransient', () => {
  it('retries no answer, 5xx and 429, and nothing else', () => {
    expect(isTransient(new ApiError(0, 'NETWORK_ERROR', 'x'))).toBe(true)
    expect(isTransient(new ApiError(502, 'PAYMENT_PROVIDER_ERROR', 'x'))).toBe(true)
    expect(isTransient(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe(true)
    expect(isTransient(new ApiError(404, 'NOT_FOUND', 'x'))).toBe(false)
    expect(isTransient(new ApiError(401, 'UNAUTHENTICATED', 'x'))).toBe(false)
    expect(isTransient(new Error('bug'))).toBe(false)
  })
})
