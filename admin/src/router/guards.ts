import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'

export interface AccessState {
  readonly isAuthenticated: boolean
  hasPermission(required: readonly string[]): boolean
}

export interface SessionControl {
  clearSession(): void
}

/** Every permission along the matched route chain (a child inherits its sections' requirements). */
export function requiredPermissions(to: Pick<RouteLocationNormalized, 'matched'>): string[] {
  return to.matched.flatMap((record) => record.meta.perms ?? [])
}

/** The `redirect` query as an in-app path, or null for anything that could leave the app or loop back to login. */
export function safeRedirect(value: unknown): string | null {
  const candidate = Array.isArray(value) ? value[0] : value
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//')) return null
  if (candidate === '/login' || candidate.startsWith('/login?') || candidate.startsWith('/login/')) return null
  return candidate
}

/** Decides one navigation: true to proceed, or where to go instead. */
export function resolveAccess(to: RouteLocationNormalized, access: AccessState): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === 'login' && access.isAuthenticated) return safeRedirect(to.query.redirect) ?? '/'
    return true
  }
  if (!access.isAuthenticated) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (!access.hasPermission(requiredPermissions(to))) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}

export function installGuards(router: Router, access: AccessState): void {
  router.beforeEach((to) => resolveAccess(to, access))
}

/** What the HTTP client does on a 401 for a signed-in request: drop the session and ask to sign in again. */
export function endExpiredSession(router: Router, session: SessionControl): void {
  session.clearSession()
  const current = router.currentRoute.value
  if (current.meta.public) return
  void router.replace({ name: 'login', query: { redirect: current.fullPath } })
}
