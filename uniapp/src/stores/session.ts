import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchMe, guestSignIn, type User } from '@/api/auth'
import { ApiError, onUnauthorized } from '@/api/request'
import { clientPlatform, getDeviceId } from '@/utils/device'
import { getToken, setToken } from '@/utils/token'

export type SessionStatus = 'idle' | 'signing-in' | 'ready' | 'error'

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error))
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const status = ref<SessionStatus>('idle')
  const error = ref<ApiError | null>(null)
  const isGuest = computed(() => Boolean(user.value?.isGuest))
  let starting: Promise<void> | null = null

  async function signInAsGuest(): Promise<void> {
    const result = await guestSignIn({ deviceId: getDeviceId(), platform: clientPlatform() })
    setToken(result.token)
    user.value = result.user
  }

  async function loadProfile(): Promise<void> {
    user.value = await fetchMe()
  }

  /** App launch: keep the stored token (or sign in as a guest), then load the profile. */
  function start(): Promise<void> {
    starting ??= (async () => {
      status.value = 'signing-in'
      error.value = null
      try {
        if (!getToken()) await signInAsGuest()
        await loadProfile()
        status.value = 'ready'
      } catch (caught) {
        error.value = toApiError(caught)
        status.value = 'error'
      } finally {
        starting = null
      }
    })()
    return starting
  }

  // A rejected token (expired, revoked, database reset) is replaced by a fresh guest sign-in;
  // the same device id brings back the same guest.
  onUnauthorized(signInAsGuest)

  return { user, status, error, isGuest, start, signInAsGuest, loadProfile }
})
