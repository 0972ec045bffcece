import { transferableAbortController } from 'node:util'
import { ElMessage } from 'element-plus'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { ApiError, createHttpClient, http, type HttpClientOptions } from '@/api/http'
import { createAdminApp } from '@/bootstrap'
import { DEMO_PASSWORD, startTestApi, type TestApiServer } from './support/api-server'
import { tinyPng, useNodeFormData } from './support/node-form-data'

let api: TestApiServer

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

beforeEach(() => {
  localStorage.clear()
  api.requests.length = 0
})

afterEach(() => {
  ElMessage.closeAll()
  document.body.innerHTML = ''
})

function client(overrides: Partial<HttpClientOptions> = {}) {
  const notified: string[] = []
  const unauthorized: ApiError[] = []
  const instance = createHttpClient({
    baseUrl: () => api.url,
    getToken: () => 'tok_123',
    onUnauthorized: (error) => unauthorized.push(error),
    notify: (message) => notified.push(message),
    ...overrides,
  })
  return { instance, notified, unauthorized }
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('http client', () => {
  it('sends the bearer token and query, and unwraps the JSON body', async () => {
    const { instance } = client()
    const result = await instance.get<{ authorization: string; query: Record<string, string> }>('/test/echo', {
      query: { limit: 20, cursor: 'abc', skipped: undefined, none: null },
    })
    expect(result).toEqual({ authorization: 'Bearer tok_123', query: { limit: '20', cursor: 'abc' } })
  })

  it('sends JSON bodies and returns undefined for 204', async () => {
    const { instance } = client()
    const created = await instance.post<{ contentType: string; body: unknown }>('/test/echo', { title: '霸道总裁' })
    expect(created).toEqual({ contentType: 'application/json', body: { title: '霸道总裁' } })
    await expect(instance.delete('/test/no-content')).resolves.toBeUndefined()
  })

  it('sends a FormData body as multipart with its own boundary, token and query included', async () => {
    await useNodeFormData()
    try {
      const { instance } = client()
      const form = new FormData()
      form.append('image', new File([tinyPng()], 'cover.png', { type: 'image/png' }))
      const result = await instance.post<{ contentType: string; authorization: string; query: Record<string, string>; file: unknown }>(
        '/test/upload',
        form,
        { query: { kind: 'cover' } },
      )
      expect(result.contentType).toMatch(/^multipart\/form-data; boundary=/)
      expect(result.authorization).toBe('Bearer tok_123')
      expect(result.query).toEqual({ kind: 'cover' })
      expect(result.file).toEqual({ name: 'cover.png', type: 'image/png', size: tinyPng().length })
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('sends bytes as they are, as application/octet-stream unless told otherwise', async () => {
    const { instance } = client()
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    const sent = await instance.put<{ contentType: string; checksum: string | null; bytes: number[] }>('/test/bytes', bytes, {
      headers: { 'X-Chunk-Sha256': 'ab'.repeat(32) },
    })
    expect(sent).toEqual({ contentType: 'application/octet-stream', checksum: 'ab'.repeat(32), bytes: [0, 1, 2, 250, 255] })
    const typed = await instance.put<{ contentType: string }>('/test/bytes', bytes.buffer, { headers: { 'content-type': 'video/mp4' } })
    expect(typed.contentType).toBe('video/mp4')
  })

  it('rejects an aborted request with the abort reason, without an ApiError or a toast', async () => {
    // Node's fetch takes only Node's signals (a browser's takes its own).
    const controller = transferableAbortController()
    const { instance, notified } = client()
    const request = instance.get('/test/slow', { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const error = await request.then(
      () => null,
      (reason: unknown) => reason,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).name).toBe('AbortError')
    expect(error).not.toBeInstanceOf(ApiError)
    expect(notified).toEqual([])
  })

  it('sends no token when auth is off', async () => {
    const { instance } = client()
    const result = await instance.get<{ authorization: string | null }>('/test/echo', { auth: false })
    expect(result.authorization).toBeNull()
  })

  it('maps the backend error shape to an ApiError with status, code, message and details', async () => {
    const { instance, notified } = client()
    const error = await caught(instance.get('/test/locked'))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(402)
    expect(error.code).toBe('EPISODE_LOCKED')
    expect(error.message).toBe('This episode is locked')
    expect(error.details).toEqual({ unlockOptions: { priceCoins: 30 } })
    expect(notified).toEqual(['This episode is locked'])
  })

  it('exposes validation fields of a 422', async () => {
    const { instance } = client()
    const error = await caught(instance.post('/test/validation', {}))
    expect(error.status).toBe(422)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.fieldErrors).toEqual([
      { field: 'title', rule: 'required', message: 'The title field must be defined' },
    ])
  })

  it('maps a non-JSON failure to HTTP_<status> with a readable message', async () => {
    const { instance, notified } = client()
    const error = await caught(instance.get('/test/bad-gateway'))
    expect(error.status).toBe(502)
    expect(error.code).toBe('HTTP_502')
    expect(error.message).toBe('请求失败（HTTP 502）')
    expect(error.details).toBeUndefined()
    expect(notified).toEqual(['请求失败（HTTP 502）'])
  })

  it('maps an unreachable server to NETWORK_ERROR with status 0', async () => {
    const gone = await startTestApi()
    const url = gone.url
    await gone.close()
    const { instance } = client({ baseUrl: () => url })
    const error = await caught(instance.get('/admin/v1/me'))
    expect(error.status).toBe(0)
    expect(error.code).toBe('NETWORK_ERROR')
  })

  it('does not toast when the caller opts out', async () => {
    const { instance, notified } = client()
    await caught(instance.get('/test/locked', { silent: true }))
    expect(notified).toEqual([])
  })

  it('reports a 401 on a signed-in request as an expired session, but not when redirectOn401 is off', async () => {
    const { instance, unauthorized } = client()
    const error = await caught(instance.get('/test/protected'))
    expect(error.status).toBe(401)
    expect(error.code).toBe('UNAUTHENTICATED')
    expect(unauthorized).toHaveLength(1)

    await caught(instance.get('/test/protected', { redirectOn401: false }))
    expect(unauthorized).toHaveLength(1)
  })

  it('does not treat a 401 without a token (wrong password) as an expired session', async () => {
    const { instance, unauthorized } = client({ getToken: () => null })
    const error = await caught(
      instance.post('/admin/v1/auth/login', { email: 'admin@duanju.dev', password: 'nope' }),
    )
    expect(error.code).toBe('INVALID_CREDENTIALS')
    expect(unauthorized).toEqual([])
  })
})

describe('the shared client inside the app', () => {
  it('shows an Element Plus error toast with the server message', async () => {
    vi.stubEnv('VITE_API_BASE', api.url)
    await createAdminApp({ history: createMemoryHistory() })
    await caught(http.get('/test/locked'))
    const toast = document.querySelector('.el-message--error')
    expect(toast?.textContent).toContain('This episode is locked')
  })

  it('shows no toast for silent requests', async () => {
    vi.stubEnv('VITE_API_BASE', api.url)
    await createAdminApp({ history: createMemoryHistory() })
    await caught(http.get('/test/locked', { silent: true }))
    expect(document.querySelector('.el-message')).toBeNull()
  })

  it('on a 401 clears the session and sends the admin to /login, keeping where they were', async () => {
    vi.stubEnv('VITE_API_BASE', api.url)
    const { router, auth } = await createAdminApp({ history: createMemoryHistory() })
    await router.isReady()
    await auth.login('operator@duanju.dev', DEMO_PASSWORD)
    await router.push('/catalog/dramas')
    expect(router.currentRoute.value.name).toBe('catalog-dramas')

    // The server revokes the token (expired, or signed out elsewhere).
    api.tokens.clear()
    const error = await caught(http.get('/test/protected'))
    expect(error.status).toBe(401)

    expect(auth.isAuthenticated).toBe(false)
    expect(auth.token).toBeNull()
    expect(localStorage.getItem('duanju.admin.session')).toBeNull()
    await vi.waitFor(() => {
      expect(router.currentRoute.value.name).toBe('login')
    })
    expect(router.currentRoute.value.query.redirect).toBe('/catalog/dramas')
    expect(document.querySelector('.el-message--error')?.textContent).toContain('Authentication required')
  })
})
