import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, apiBaseUrl, DEFAULT_API_BASE, onUnauthorized, request } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import { getToken, setToken, TOKEN_KEY } from '@/utils/token'
import { startApiServer, type ApiServer } from './support/api-server'
import { installUni, type UniStub } from './support/uni'

let api: ApiServer
let uniStub: UniStub

beforeEach(async () => {
  api = await startApiServer()
  uniStub = installUni()
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

describe('base URL', () => {
  it('comes from VITE_API_BASE without a trailing slash', () => {
    vi.stubEnv('VITE_API_BASE', 'https://api.example.test/')
    expect(apiBaseUrl()).toBe('https://api.example.test')
  })

  it('defaults to the local API', () => {
    vi.stubEnv('VITE_API_BASE', '')
    expect(apiBaseUrl()).toBe(DEFAULT_API_BASE)
    expect(DEFAULT_API_BASE).toBe('http://localhost:3333')
  })
})

describe('request', () => {
  it('sends JSON with the bearer token and returns the parsed body', async () => {
    api.route('POST /api/v1/echo', (req) => ({ status: 201, body: { received: req.body } }))
    setToken('token-1')

    const body = await request<{ received: unknown }>('/api/v1/echo', { method: 'POST', data: { episodeId: 7 } })

    expect(body).toEqual({ received: { episodeId: 7 } })
    const [sent] = api.callsTo('POST', '/api/v1/echo')
    expect(sent?.authorization).toBe('Bearer token-1')
    expect(sent?.contentType).toBe('application/json')
  })

  it('puts GET data in the query string and sends no token when there is none', async () => {
    api.route('GET /api/v1/dramas', () => ({ status: 200, body: { data: [], nextCursor: null } }))

    await request('/api/v1/dramas', { data: { limit: 20, sort: 'hot' } })

    const [sent] = api.callsTo('GET', '/api/v1/dramas')
    expect(sent?.query).toBe('?limit=20&sort=hot')
    expect(sent?.authorization).toBeUndefined()
  })

  it('leaves the token out when auth is false', async () => {
    api.route('GET /api/v1/public', () => ({ status: 200, body: {} }))
    setToken('token-1')

    await request('/api/v1/public', { auth: false })

    expect(api.callsTo('GET', '/api/v1/public')[0]?.authorization).toBeUndefined()
  })

  it('returns undefined for 204', async () => {
    api.route('POST /api/v1/auth/logout', () => ({ status: 204 }))
    await expect(request('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined()
  })
})

describe('error mapping', () => {
  it('maps the error shape to ApiError with status, code, message and details', async () => {
    api.route('POST /api/v1/episodes/9/unlock', () => ({
      status: 402,
      body: { error: { code: 'INSUFFICIENT_COINS', message: 'Not enough coins', details: { priceCoins: 90, balance: 10 } } },
    }))

    const error = await caught(request('/api/v1/episodes/9/unlock', { method: 'POST', data: { method: 'coins' } }))

    expect(error).toMatchObject({
      name: 'ApiError',
      status: 402,
      code: 'INSUFFICIENT_COINS',
      message: 'Not enough coins',
      details: { priceCoins: 90, balance: 10 },
    })
  })

  it('keeps validation details', async () => {
    const error = await caught(request('/api/v1/auth/guest', { method: 'POST', data: { deviceId: 'd', platform: 'tv' }, auth: false }))

    expect(error.status).toBe(422)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.details).toEqual({ fields: [{ field: 'platform', rule: 'enum', message: 'Unknown platform' }] })
  })

  it('maps an answer without the error shape to HTTP_<status>', async () => {
    api.route('GET /api/v1/feed', () => ({ status: 502, raw: '<html>Bad Gateway</html>' }))

    const error = await caught(request('/api/v1/feed'))

    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', details: undefined })
  })

  it('maps a malformed error object to HTTP_<status>', async () => {
    api.route('GET /api/v1/feed', () => ({ status: 500, body: { error: 'boom' } }))
    expect(await caught(request('/api/v1/feed'))).toMatchObject({ status: 500, code: 'HTTP_500' })
  })

  it('maps a transport failure to status 0 NETWORK_ERROR', async () => {
    await api.close()

    const error = await caught(request('/api/v1/me'))

    expect(error.status).toBe(0)
    expect(error.code).toBe('NETWORK_ERROR')
  })
})

describe('401 recovery', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useSessionStore() // registers the guest sign-in as the 401 handler
  })

  it('drops the token, signs in as the same guest again and retries once', async () => {
    const session = useSessionStore()
    await session.signInAsGuest()
    const firstToken = getToken()
    const guestId = session.user?.id
    api.revokeTokens()

    const body = await request<{ user: { id: number } }>('/api/v1/me')

    expect(body.user.id).toBe(guestId)
    expect(getToken()).not.toBe(firstToken)
    const meCalls = api.callsTo('GET', '/api/v1/me')
    expect(meCalls.map((c) => c.authorization)).toEqual([`Bearer ${firstToken}`, `Bearer ${getToken()}`])
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(2)
  })

  it('gives up after one retry', async () => {
    api.route('GET /api/v1/me', () => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Unauthenticated' } } }))
    setToken('stale')

    const error = await caught(request('/api/v1/me'))

    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    expect(api.callsTo('GET', '/api/v1/me')).toHaveLength(2)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
  })

  it('shares one sign-in between requests that fail together', async () => {
    await useSessionStore().signInAsGuest()
    api.revokeTokens()

    await Promise.all([request('/api/v1/me'), request('/api/v1/me'), request('/api/v1/me')])

    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(2)
    expect(api.callsTo('GET', '/api/v1/me')).toHaveLength(6)
  })

  it('reports a failing sign-in instead of retrying', async () => {
    setToken('stale')
    api.route('POST /api/v1/auth/guest', () => ({ status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } } }))

    const error = await caught(request('/api/v1/me'))

    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
    expect(uniStub.storage.has(TOKEN_KEY)).toBe(false)
    expect(api.callsTo('GET', '/api/v1/me')).toHaveLength(1)
  })

  it('leaves a 401 about the request itself (a wrong code, a bad password) alone', async () => {
    await useSessionStore().signInAsGuest()
    const token = getToken()
    api.route('POST /api/v1/auth/phone', () => ({ status: 401, body: { error: { code: 'INVALID_CODE', message: 'Wrong code' } } }))

    await caught(request('/api/v1/auth/phone', { method: 'POST', data: { phone: '+8613800138000', code: '000000' } }))

    expect(api.callsTo('POST', '/api/v1/auth/phone')).toHaveLength(1)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
    expect(getToken()).toBe(token)
  })

  it('treats a 401 without the error shape as a rejected token', async () => {
    setToken('stale')
    api.route('GET /api/v1/legacy', (req) =>
      req.authorization === 'Bearer stale' ? { status: 401, raw: 'Unauthorized' } : { status: 200, body: { ok: true } },
    )

    await expect(request('/api/v1/legacy')).resolves.toEqual({ ok: true })
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
  })

  it('can be turned off per request', async () => {
    setToken('stale')
    expect(await caught(request('/api/v1/me', { recover: false }))).toMatchObject({ status: 401 })
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(0)
    expect(getToken()).toBe('stale')
  })

  it('does not try to recover requests sent without auth', async () => {
    api.route('GET /api/v1/open', () => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'no' } } }))

    await caught(request('/api/v1/open', { auth: false }))

    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(0)
  })
})

describe('without a 401 handler', () => {
  it('throws the 401', async () => {
    setToken('stale')
    expect(await caught(request('/api/v1/me'))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    expect(getToken()).toBe('stale')
  })
})
