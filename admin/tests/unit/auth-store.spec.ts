import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, bindHttpSession } from '@/api/http'
import { SESSION_STORAGE_KEY, useAuthStore } from '@/stores/auth'
import { DEMO_PASSWORD, ROLE_PERMISSIONS, startTestApi, type TestApiServer } from './support/api-server'

let api: TestApiServer

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** A fresh page load: new Pinia, the shared HTTP client bound to the new store, as createAdminApp does. */
function freshStore() {
  setActivePinia(createPinia())
  const auth = useAuthStore()
  bindHttpSession({ getToken: () => auth.token, onUnauthorized: () => auth.clearSession() })
  return auth
}

function storedSession(): unknown {
  const raw = localStorage.getItem(SESSION_STORAGE_KEY)
  return raw === null ? null : JSON.parse(raw)
}

beforeEach(() => {
  vi.stubEnv('VITE_API_BASE', api.url)
  localStorage.clear()
  api.requests.length = 0
  api.tokens.clear()
  for (const account of api.accounts.values()) delete account.permissions
})

describe('auth store', () => {
  it('starts signed out', () => {
    const auth = freshStore()
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.permissions).toEqual([])
    expect(auth.hasPermission(['dashboard.view'])).toBe(false)
    expect(auth.hasPermission([])).toBe(true)
  })

  it('logs in, keeps token, admin and permissions, and saves them in localStorage', async () => {
    const auth = freshStore()
    await auth.login('reviewer@duanju.dev', DEMO_PASSWORD)

    expect(auth.isAuthenticated).toBe(true)
    expect(auth.token).toMatch(/^oat_/)
    expect(auth.admin).toMatchObject({ email: 'reviewer@duanju.dev', roles: ['reviewer'] })
    expect(auth.permissions).toEqual(ROLE_PERMISSIONS.reviewer)
    expect(auth.hasPermission('moderation.review')).toBe(true)
    expect(auth.hasPermission(['dashboard.view', 'moderation.review'])).toBe(true)
    expect(auth.hasPermission(['dashboard.view', 'users.manage'])).toBe(false)
    expect(storedSession()).toEqual({ token: auth.token, admin: auth.admin, permissions: auth.permissions })

    const login = api.requests.find((request) => request.path === '/admin/v1/auth/login')
    expect(login?.body).toEqual({ email: 'reviewer@duanju.dev', password: DEMO_PASSWORD })
    expect(login?.headers.authorization).toBeUndefined()
  })

  it('rejects wrong credentials with the server error and stores nothing', async () => {
    const auth = freshStore()
    const error: unknown = await auth.login('admin@duanju.dev', 'wrong-password').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' })
    expect(auth.isAuthenticated).toBe(false)
    expect(storedSession()).toBeNull()
  })

  it('surfaces 422 validation fields from the server', async () => {
    const auth = freshStore()
    const error: unknown = await auth.login('not-an-email', '').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(422)
    expect(apiError.fieldErrors.map((field) => field.field)).toEqual(['email', 'password'])
  })

  it('restores the session after a reload and re-validates it with GET /admin/v1/me', async () => {
    const first = freshStore()
    await first.login('operator@duanju.dev', DEMO_PASSWORD)
    const token = first.token

    // Permissions changed on the server since the login.
    const operator = api.accounts.get('operator@duanju.dev')
    if (!operator) throw new Error('seed account missing')
    operator.permissions = ['dashboard.view', 'orders.read']

    const reloaded = freshStore()
    expect(reloaded.token).toBe(token)
    expect(reloaded.permissions).toEqual(ROLE_PERMISSIONS.operator)

    api.requests.length = 0
    await reloaded.restore()
    const me = api.requests.find((request) => request.path === '/admin/v1/me')
    expect(me?.headers.authorization).toBe(`Bearer ${token}`)
    expect(reloaded.isAuthenticated).toBe(true)
    expect(reloaded.permissions).toEqual(['dashboard.view', 'orders.read'])
    expect(storedSession()).toMatchObject({ token, permissions: ['dashboard.view', 'orders.read'] })
  })

  it('ends a stored session the server no longer accepts', async () => {
    const first = freshStore()
    await first.login('finance@duanju.dev', DEMO_PASSWORD)
    api.tokens.clear()

    const reloaded = freshStore()
    expect(reloaded.isAuthenticated).toBe(true)
    await reloaded.restore()
    expect(reloaded.isAuthenticated).toBe(false)
    expect(reloaded.token).toBeNull()
    expect(storedSession()).toBeNull()
  })

  it('keeps the cached session when the server cannot be reached', async () => {
    const first = freshStore()
    await first.login('finance@duanju.dev', DEMO_PASSWORD)

    const gone = await startTestApi()
    vi.stubEnv('VITE_API_BASE', gone.url)
    await gone.close()

    const reloaded = freshStore()
    await reloaded.restore()
    expect(reloaded.isAuthenticated).toBe(true)
    expect(reloaded.permissions).toEqual(ROLE_PERMISSIONS.finance)
  })

  it('ignores a corrupted stored session', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{"token":"x","admin":null}')
    expect(freshStore().isAuthenticated).toBe(false)
    localStorage.setItem(SESSION_STORAGE_KEY, 'not json')
    expect(freshStore().isAuthenticated).toBe(false)
  })

  it('logs out: revokes the token on the server and forgets it locally', async () => {
    const auth = freshStore()
    await auth.login('admin@duanju.dev', DEMO_PASSWORD)
    const token = auth.token ?? ''
    expect(api.tokens.has(token)).toBe(true)

    await auth.logout()
    const logout = api.requests.find((request) => request.path === '/admin/v1/auth/logout')
    expect(logout?.headers.authorization).toBe(`Bearer ${token}`)
    expect(api.tokens.has(token)).toBe(false)
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.permissions).toEqual([])
    expect(storedSession()).toBeNull()
  })

  it('logs out locally even when the server cannot be reached', async () => {
    const auth = freshStore()
    await auth.login('admin@duanju.dev', DEMO_PASSWORD)
    const gone = await startTestApi()
    vi.stubEnv('VITE_API_BASE', gone.url)
    await gone.close()

    await auth.logout()
    expect(auth.isAuthenticated).toBe(false)
    expect(storedSession()).toBeNull()
  })
})
