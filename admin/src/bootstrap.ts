import { createPinia } from 'pinia'
import { createApp } from 'vue'
import type { RouterHistory } from 'vue-router'
import App from './App.vue'
import { bindHttpSession } from './api/http'
import { createPermDirective } from './directives/perm'
import { i18n } from './locales'
import { createAppRouter } from './router'
import { endExpiredSession, installGuards } from './router/guards'
import { useAuthStore } from './stores/auth'

export interface AdminAppOptions {
  /** Web history in the browser; tests pass a memory history. */
  history?: RouterHistory
}

/**
 * Builds the admin app with its router, store, i18n, HTTP session and guards. A stored session is
 * re-validated before the router makes its first navigation, so guards see the real permissions.
 */
export async function createAdminApp(options: AdminAppOptions = {}) {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)

  const auth = useAuthStore(pinia)
  const router = createAppRouter(options.history)

  bindHttpSession({
    getToken: () => auth.token,
    onUnauthorized: () => endExpiredSession(router, auth),
  })
  app.directive('perm', createPermDirective((required) => auth.hasPermission(required)))
  installGuards(router, auth)

  await auth.restore()
  app.use(router)
  return { app, router, pinia, auth, i18n }
}
