import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import { bindHttpSession } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import { DEMO_PASSWORD, type TestApiServer } from './api-server'

/** Points the shared HTTP client at `api` and signs in as `email`, as a page load then login would. */
export async function signedInClient(api: TestApiServer, email: string, password = DEMO_PASSWORD) {
  vi.stubEnv('VITE_API_BASE', api.url)
  localStorage.clear()
  setActivePinia(createPinia())
  const auth = useAuthStore()
  bindHttpSession({ getToken: () => auth.token, onUnauthorized: () => auth.clearSession() })
  await auth.login(email, password)
  return auth
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}
