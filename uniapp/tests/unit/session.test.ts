import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendSmsCode } from '@/api/auth'
import { useSessionStore } from '@/stores/session'
import { DEVICE_ID_KEY } from '@/utils/device'
import { getToken, setToken } from '@/utils/token'
import { startApiServer, type ApiServer } from './support/api-server'
import { installUni, type UniStub } from './support/uni'

let api: ApiServer
let uniStub: UniStub

beforeEach(async () => {
  api = await startApiServer()
  uniStub = installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  setActivePinia(createPinia())
})

afterEach(async () => {
  await api.close()
})

describe('session store', () => {
  it('signs in as a guest on first launch and loads the profile', async () => {
    const session = useSessionStore()
    expect(session.status).toBe('idle')

    await session.start()

    const [signIn] = api.callsTo('POST', '/api/v1/auth/guest')
    expect(signIn?.body).toEqual({ deviceId: uniStub.storage.get(DEVICE_ID_KEY), platform: 'h5' })
    expect(api.callsTo('GET', '/api/v1/me')[0]?.authorization).toBe(`Bearer ${getToken()}`)
    expect(session.status).toBe('ready')
    expect(session.isGuest).toBe(true)
    expect(session.user).toMatchObject({ id: 101, nickname: '游客101', isGuest: true })
  })

  it('signs in once when started twice at the same time', async () => {
    const session = useSessionStore()
    await Promise.all([session.start(), session.start()])
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
  })

  it('lets a page wait for the launch sign-in, so its first request carries the token', async () => {
    const session = useSessionStore()
    const launch = session.start()
    expect(getToken()).toBeNull()

    await session.whenStarted()

    expect(getToken()).toEqual(expect.any(String))
    expect(session.status).toBe('ready')
    await launch
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
  })

  it('does not sign in again for a page opened after launch', async () => {
    const session = useSessionStore()
    await session.start()
    await session.whenStarted()
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
    expect(api.callsTo('GET', '/api/v1/me')).toHaveLength(1)
  })

  it('keeps a stored token across launches', async () => {
    await useSessionStore().start()
    const token = getToken()

    setActivePinia(createPinia())
    const relaunched = useSessionStore()
    await relaunched.start()

    expect(getToken()).toBe(token)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
    expect(relaunched.user?.id).toBe(101)
  })

  it('comes back as the same guest when the stored token was revoked', async () => {
    await useSessionStore().start()
    api.revokeTokens()

    setActivePinia(createPinia())
    const relaunched = useSessionStore()
    await relaunched.start()

    expect(relaunched.status).toBe('ready')
    expect(relaunched.user?.id).toBe(101)
    const signIns = api.callsTo('POST', '/api/v1/auth/guest')
    expect(signIns).toHaveLength(2)
    expect(signIns[1]?.body).toEqual(signIns[0]?.body)
  })

  it('reports a failed start and recovers on retry', async () => {
    const session = useSessionStore()
    api.route('POST /api/v1/auth/guest', () => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Try later' } } }))

    await session.start()

    expect(session.status).toBe('error')
    expect(session.error).toMatchObject({ status: 503, code: 'UNAVAILABLE', message: 'Try later' })
    expect(session.user).toBeNull()
    expect(session.isGuest).toBe(false)

    const retryApi = await startApiServer()
    vi.stubEnv('VITE_API_BASE', retryApi.url)
    try {
      await session.start()
      expect(session.status).toBe('ready')
      expect(session.error).toBeNull()
      expect(session.user?.isGuest).toBe(true)
    } finally {
      await retryApi.close()
    }
  })

  it('reports an unreachable API as NETWORK_ERROR', async () => {
    await api.close()
    setToken('stored')
    const session = useSessionStore()

    await session.start()

    expect(session.status).toBe('error')
    expect(session.error?.code).toBe('NETWORK_ERROR')
  })
})

describe('accounts in the session store', () => {
  const PHONE = '+8613812348000'

  async function startAsGuest() {
    const session = useSessionStore()
    await session.start()
    return { session, guestToken: getToken() }
  }

  async function signedIn() {
    const { session } = await startAsGuest()
    await sendSmsCode(PHONE)
    await session.signInWithPhone(PHONE, api.smsCode(PHONE) ?? '')
    return session
  }

  it('signs in with a phone code: merges the guest, stores the new token, holds the account', async () => {
    const { session, guestToken } = await startAsGuest()
    await sendSmsCode(PHONE)

    const result = await session.signInWithPhone(PHONE, ` ${api.smsCode(PHONE)} `)

    expect(result.merged).toBe(true)
    expect(api.callsTo('POST', '/api/v1/auth/phone')[0]?.authorization).toBe(`Bearer ${guestToken}`)
    expect(api.callsTo('POST', '/api/v1/auth/phone')[0]?.body).toMatchObject({ phone: PHONE, platform: 'h5' })
    expect(getToken()).toBe(result.token)
    expect(session.isGuest).toBe(false)
    expect(session.isSignedIn).toBe(true)
    expect(session.user).toMatchObject({ phone: '138****8000', isGuest: false })
  })

  it('keeps the guest session when the code is wrong', async () => {
    const { session, guestToken } = await startAsGuest()
    await sendSmsCode(PHONE)
    const wrong = api.smsCode(PHONE) === '000000' ? '111111' : '000000'

    await expect(session.signInWithPhone(PHONE, wrong)).rejects.toMatchObject({ code: 'INVALID_CODE' })

    expect(getToken()).toBe(guestToken)
    expect(session.isGuest).toBe(true)
  })

  it('logs out and comes back as a guest', async () => {
    const session = await signedIn()
    const accountToken = getToken()

    await session.logout()

    expect(api.callsTo('POST', '/api/v1/auth/logout')[0]?.authorization).toBe(`Bearer ${accountToken}`)
    expect(api.userFor(accountToken)).toBeUndefined()
    expect(getToken()).not.toBe(accountToken)
    expect(session.status).toBe('ready')
    expect(session.isGuest).toBe(true)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(2)
  })

  it('still becomes a guest when the token was already revoked', async () => {
    const session = await signedIn()
    api.revokeTokens()

    await session.logout()

    expect(session.isGuest).toBe(true)
    expect(api.callsTo('POST', '/api/v1/auth/logout')).toHaveLength(1)
  })

  it('stays signed in when logging out fails for lack of network', async () => {
    const session = await signedIn()
    const accountToken = getToken()
    await api.close()

    await expect(session.logout()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })

    expect(getToken()).toBe(accountToken)
    expect(session.isSignedIn).toBe(true)
  })

  it('saves a settings change with the whole settings object', async () => {
    const session = await signedIn()

    await session.changeSettings({ playbackSpeed: 1.75 })

    expect(api.callsTo('PUT', '/api/v1/me')[0]?.body).toEqual({
      settings: { autoUnlock: false, danmuEnabled: true, playbackSpeed: 1.75, preferredQuality: 'auto' },
    })
    expect(session.user?.settings.playbackSpeed).toBe(1.75)
  })

  it('refuses an invalid settings change without calling the API', async () => {
    const session = await signedIn()

    await expect(session.changeSettings({ playbackSpeed: 5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'settings.playbackSpeed' }] },
    })
    expect(api.callsTo('PUT', '/api/v1/me')).toHaveLength(0)
    expect(session.user?.settings.playbackSpeed).toBe(1)
  })

  it('updates the nickname through PUT /api/v1/me', async () => {
    const session = await signedIn()
    await session.updateProfile({ nickname: '夜猫子' })
    expect(session.user?.nickname).toBe('夜猫子')
  })

  it('has no WeChat sign-in outside the mini-program', async () => {
    const { session } = await startAsGuest()
    await expect(session.signInWithWechat()).rejects.toMatchObject({ status: 0, code: 'WECHAT_LOGIN_FAILED' })
    expect(api.callsTo('POST', '/api/v1/auth/wechat-mp')).toHaveLength(0)
    expect(session.isGuest).toBe(true)
  })

  it('switches to the account a WeChat phone binding answers with', async () => {
    const { session } = await startAsGuest()
    const other = { id: 555, nickname: '老用户', avatarUrl: null, isGuest: false, phone: '138****8000', wechatBound: true }
    api.route('POST /api/v1/auth/wechat-mp/phone', () => ({ status: 200, body: { token: 'oat_other', user: other, merged: true } }))

    await session.bindWechatPhone('phone-code')

    expect(getToken()).toBe('oat_other')
    expect(session.user).toMatchObject({ id: 555, phone: '138****8000' })
  })
})
