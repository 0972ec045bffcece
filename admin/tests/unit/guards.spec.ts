import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, type RouteLocationNormalized } from 'vue-router'
import { createAdminApp } from '@/bootstrap'
import { resolveAccess, safeRedirect } from '@/router/guards'
import { DEMO_PASSWORD, startTestApi, type TestApiServer } from './support/api-server'

let api: TestApiServer

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

beforeEach(() => {
  vi.stubEnv('VITE_API_BASE', api.url)
  localStorage.clear()
})

async function appSignedInAs(email?: string) {
  if (email) {
    // Sign in through one app instance, then "reload": the new app restores the session from storage.
    const first = await createAdminApp({ history: createMemoryHistory() })
    await first.auth.login(email, DEMO_PASSWORD)
  }
  const { router, auth } = await createAdminApp({ history: createMemoryHistory() })
  await router.isReady()
  return { router, auth }
}

describe('route guard', () => {
  it('sends a signed-out visitor to /login and keeps the target', async () => {
    const { router } = await appSignedInAs()
    await router.push('/orders?status=paid')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/orders?status=paid')
  })

  it('lets an admin with the permission in', async () => {
    const { router } = await appSignedInAs('finance@duanju.dev')
    await router.push('/finance')
    expect(router.currentRoute.value.name).toBe('finance-wallets')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('dashboard')
  })

  it('sends an admin without the permission to the 403 page', async () => {
    const { router } = await appSignedInAs('reviewer@duanju.dev')
    await router.push('/moderation')
    expect(router.currentRoute.value.name).toBe('moderation')
    await router.push('/users')
    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(router.currentRoute.value.fullPath).toBe('/403?from=/users')
    await router.push('/system/audit')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it.each([
    ['finance@duanju.dev', '/users'],
    ['finance@duanju.dev', '/users/1'],
    ['reviewer@duanju.dev', '/system/admins'],
    ['operator@duanju.dev', '/system/audit'],
    ['operator@duanju.dev', '/system/admins'],
    ['reviewer@duanju.dev', '/catalog/dramas'],
    ['reviewer@duanju.dev', '/catalog/dramas/1'],
    ['finance@duanju.dev', '/catalog/categories'],
    ['operator@duanju.dev', '/finance/packages'],
    ['operator@duanju.dev', '/finance/wallets/1'],
    ['reviewer@duanju.dev', '/orders'],
    ['reviewer@duanju.dev', '/orders/DJ1'],
  ])('sends %s to the 403 page for %s', async (email, path) => {
    const { router } = await appSignedInAs(email)
    await router.push(path)
    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(router.currentRoute.value.query.from).toBe(path)
  })

  it('lets the accounts pages in for the roles that hold their permissions', async () => {
    const operator = await appSignedInAs('operator@duanju.dev')
    await operator.router.push('/users/42')
    expect(operator.router.currentRoute.value.name).toBe('user-detail')
    expect(operator.router.currentRoute.value.params.id).toBe('42')

    const admin = await appSignedInAs('admin@duanju.dev')
    await admin.router.push('/system/admins')
    expect(admin.router.currentRoute.value.name).toBe('system-admins')
    await admin.router.push('/system/audit?action=users.ban')
    expect(admin.router.currentRoute.value.name).toBe('system-audit')
  })

  it('opens the catalog pages for an operator; the section goes to the drama list', async () => {
    const { router } = await appSignedInAs('operator@duanju.dev')
    await router.push('/catalog')
    expect(router.currentRoute.value.name).toBe('catalog-dramas')
    await router.push('/catalog/dramas/new')
    expect(router.currentRoute.value.name).toBe('catalog-drama-new')
    await router.push('/catalog/dramas/7?tab=episodes')
    expect(router.currentRoute.value.name).toBe('catalog-drama')
    expect(router.currentRoute.value.params.id).toBe('7')
    expect(router.currentRoute.value.meta.activeMenu).toBe('/catalog/dramas')
    await router.push('/catalog/categories')
    expect(router.currentRoute.value.name).toBe('catalog-categories')
    await router.push('/catalog/dramas/not-a-number')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('opens the orders pages for an operator and the finance pages for finance staff', async () => {
    const operator = await appSignedInAs('operator@duanju.dev')
    await operator.router.push('/orders?state=paid&page=2')
    expect(operator.router.currentRoute.value.name).toBe('orders')
    await operator.router.push('/orders/DJ2026112121085137045372')
    expect(operator.router.currentRoute.value.name).toBe('order-detail')
    expect(operator.router.currentRoute.value.params.orderNo).toBe('DJ2026112121085137045372')
    expect(operator.router.currentRoute.value.meta.activeMenu).toBe('/orders')

    const { router } = await appSignedInAs('finance@duanju.dev')
    await router.push('/finance/wallets/15')
    expect(router.currentRoute.value.name).toBe('finance-wallet')
    expect(router.currentRoute.value.params.userId).toBe('15')
    expect(router.currentRoute.value.meta.activeMenu).toBe('/finance/wallets')
    await router.push('/finance/packages')
    expect(router.currentRoute.value.name).toBe('finance-packages')
    await router.push('/finance/wallets/abc')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('shows the 404 page for unknown paths, signed in or not', async () => {
    const signedOut = await appSignedInAs()
    await signedOut.router.push('/no/such/page')
    expect(signedOut.router.currentRoute.value.name).toBe('not-found')

    const signedIn = await appSignedInAs('admin@duanju.dev')
    await signedIn.router.push('/no/such/page')
    expect(signedIn.router.currentRoute.value.name).toBe('not-found')
  })

  it('sends a signed-in admin away from /login, to a safe redirect target only', async () => {
    const { router } = await appSignedInAs('operator@duanju.dev')
    await router.push('/login?redirect=/catalog/categories')
    expect(router.currentRoute.value.name).toBe('catalog-categories')
    await router.push('/login?redirect=//evil.example/phish')
    expect(router.currentRoute.value.name).toBe('dashboard')
  })

  it('uses the permissions re-validated at start-up, not the stale stored ones', async () => {
    const first = await createAdminApp({ history: createMemoryHistory() })
    await first.auth.login('operator@duanju.dev', DEMO_PASSWORD)
    const operator = api.accounts.get('operator@duanju.dev')
    if (!operator) throw new Error('seed account missing')
    operator.permissions = ['dashboard.view']
    try {
      const { router } = await createAdminApp({ history: createMemoryHistory() })
      await router.isReady()
      await router.push('/catalog')
      expect(router.currentRoute.value.name).toBe('forbidden')
    } finally {
      delete operator.permissions
    }
  })
})

describe('resolveAccess', () => {
  function location(partial: Partial<RouteLocationNormalized>): RouteLocationNormalized {
    return { fullPath: '/', path: '/', query: {}, matched: [], meta: {}, name: undefined, ...partial } as RouteLocationNormalized
  }
  const signedIn = { isAuthenticated: true, hasPermission: () => true }
  const signedOut = { isAuthenticated: false, hasPermission: () => false }

  it('requires every permission along the matched chain', () => {
    const to = location({
      fullPath: '/system/admins',
      matched: [{ meta: { perms: ['a'] } }, { meta: { perms: ['b'] } }] as RouteLocationNormalized['matched'],
    })
    const asked: string[][] = []
    resolveAccess(to, { isAuthenticated: true, hasPermission: (required) => (asked.push([...required]), true) })
    expect(asked).toEqual([['a', 'b']])
  })

  it('lets anyone see public pages', () => {
    expect(resolveAccess(location({ meta: { public: true }, name: 'not-found' }), signedOut)).toBe(true)
    expect(resolveAccess(location({ meta: { public: true }, name: 'login' }), signedOut)).toBe(true)
    expect(resolveAccess(location({ meta: { public: true }, name: 'login' }), signedIn)).toBe('/')
  })

  it('omits the redirect query for the root path', () => {
    expect(resolveAccess(location({ fullPath: '/' }), signedOut)).toEqual({ name: 'login', query: {} })
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/orders?status=paid', '/orders?status=paid'],
    [['/catalog'], '/catalog'],
    ['//evil.example', null],
    ['https://evil.example', null],
    ['/login?redirect=/x', null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })
})
