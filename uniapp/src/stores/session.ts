import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  bindWechatPhone as bindWechatPhoneRequest,
  guestSignIn,
  logout as logoutRequest,
  phoneSignIn,
  wechatMpSignIn,
  type AccountSignInResult,
  type User,
  type UserSettings,
} from '@/api/auth'
import { fetchMe, updateMe, uploadAvatar, type ProfileUpdate } from '@/api/me'
import { ApiError, onUnauthorized } from '@/api/request'
import { clientPlatform, getDeviceId, wechatMpLoginCode } from '@/utils/device'
import { invalidSettingsFields } from '@/utils/settings'
import { clearToken, getToken, setToken } from '@/utils/token'

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
  const isSignedIn = computed(() => Boolean(user.value && !user.value.isGuest))
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

  /**
   * Resolves once the launch sign-in has settled (either way), so a request made right after
   * launch (a drama page opened from a link) carries the viewer's token.
   */
  function whenStarted(): Promise<void> {
    if (starting) return starting
    return status.value === 'idle' ? start() : Promise.resolve()
  }

  /** Switches to the account a sign-in (or WeChat phone binding) answered with. */
  function adopt(result: AccountSignInResult): AccountSignInResult {
    setToken(result.token)
    user.value = result.user
    status.value = 'ready'
    error.value = null
    return result
  }

  /** The guest's token goes along, so the API merges the guest into the account. */
  async function signInWithPhone(phone: string, code: string): Promise<AccountSignInResult> {
    return adopt(await phoneSignIn({ phone, code: code.trim(), platform: clientPlatform() }))
  }

  async function signInWithWechat(): Promise<AccountSignInResult> {
    let code: string
    try {
      code = await wechatMpLoginCode()
    } catch (caught) {
      throw new ApiError(0, 'WECHAT_LOGIN_FAILED', caught instanceof Error ? caught.message : String(caught))
    }
    return adopt(await wechatMpSignIn(code))
  }

  async function bindWechatPhone(code: string): Promise<AccountSignInResult> {
    return adopt(await bindWechatPhoneRequest(code))
  }

  /**
   * Revokes the token and comes back as a guest. Offline the viewer stays signed in (the error is
   * thrown); a token the API already rejects is simply dropped.
   */
  async function logout(): Promise<void> {
    try {
      await logoutRequest()
    } catch (caught) {
      const failure = toApiError(caught)
      if (failure.status === 0 || failure.status >= 500) throw failure
    }
    clearToken()
    user.value = null
    status.value = 'signing-in'
    error.value = null
    try {
      await signInAsGuest()
      status.value = 'ready'
    } catch (caught) {
      error.value = toApiError(caught)
      status.value = 'error'
    }
  }

  async function updateProfile(update: ProfileUpdate): Promise<User> {
    user.value = await updateMe(update)
    return user.value
  }

  /**
   * Saves a settings change. The whole settings object is sent so the result does not depend on
   * whether the API merges or replaces it.
   */
  async function changeSettings(change: Partial<UserSettings>): Promise<User> {
    const current = user.value?.settings
    if (!current) throw new ApiError(0, 'CLIENT_ERROR', 'No profile loaded')
    const invalid = invalidSettingsFields(change)
    if (invalid.length > 0) {
      throw new ApiError(422, 'VALIDATION_FAILED', 'Invalid settings', {
        fields: invalid.map((field) => ({ field: `settings.${field}`, rule: 'invalid', message: 'Invalid value' })),
      })
    }
    return updateProfile({ settings: { ...current, ...change } })
  }

  async function changeAvatar(filePath: string): Promise<User> {
    user.value = await uploadAvatar(filePath)
    return user.value
  }

  // A rejected token (expired, revoked, database reset) is replaced by a fresh guest sign-in;
  // the same device id brings back the same guest.
  onUnauthorized(signInAsGuest)

  return {
    user,
    status,
    error,
    isGuest,
    isSignedIn,
    start,
    whenStarted,
    signInAsGuest,
    loadProfile,
    signInWithPhone,
    signInWithWechat,
    bindWechatPhone,
    logout,
    updateProfile,
    changeSettings,
    changeAvatar,
  }
})
