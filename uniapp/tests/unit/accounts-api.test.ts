import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bindWechatPhone, logout, phoneSignIn, sendSmsCode, wechatMpSignIn } from '@/api/auth'
import { fetchMe, updateMe, uploadAvatar } from '@/api/me'
import { ApiError, onUnauthorized, parseRetryAfter } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import { getToken, setToken } from '@/utils/token'
import { startApiServer, type ApiServer, type UploadedFile } from './support/api-server'
import { installUni } from './support/uni'

const PHONE = '+8613912345678'

let api: ApiServer
let files: string

beforeEach(async () => {
  api = await startApiServer()
  installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  setActivePinia(createPinia())
  useSessionStore() // registers the guest sign-in as the 401 handler, as the app does
  files = await mkdtemp(join(tmpdir(), 'duanju-uniapp-'))
})

afterEach(async () => {
  onUnauthorized(null)
  await api.close()
  await rm(files, { recursive: true, force: true })
})

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

async function signedInAsGuest(): Promise<string> {
  await useSessionStore().signInAsGuest()
  const token = getToken()
  expect(token).toBeTruthy()
  return token as string
}

async function textedCode(phone = PHONE): Promise<string> {
  await sendSmsCode(phone)
  const code = api.smsCode(phone)
  expect(code).toMatch(/^\d{6}$/)
  return code as string
}

describe('POST /api/v1/auth/sms-codes', () => {
  it('sends the number without a token and resolves on 204', async () => {
    setToken('guest-token')
    await expect(sendSmsCode(PHONE)).resolves.toBeUndefined()
    const [sent] = api.callsTo('POST', '/api/v1/auth/sms-codes')
    expect(sent?.body).toEqual({ phone: PHONE })
    expect(sent?.authorization).toBeUndefined()
  })

  it('reports the wait of a 429 from details.retryAfter', async () => {
    await sendSmsCode(PHONE)
    api.ageSmsCode(PHONE, 15)

    const error = await caught(sendSmsCode(PHONE))

    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 45 })
  })

  it('falls back to the Retry-After header when the body has no retryAfter', async () => {
    api.route('POST /api/v1/auth/sms-codes', () => ({
      status: 429,
      headers: { 'Retry-After': '3600' },
      body: { error: { code: 'RATE_LIMITED', message: 'Daily limit reached' } },
    }))
    expect(await caught(sendSmsCode(PHONE))).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 3600 })
  })

  it('keeps the provider refusal as SMS_NOT_SENT', async () => {
    api.route('POST /api/v1/auth/sms-codes', () => ({
      status: 422,
      body: { error: { code: 'SMS_NOT_SENT', message: 'The code could not be sent', details: { provider: 'FailedOperation.PhoneNumberInBlacklist' } } },
    }))
    expect(await caught(sendSmsCode(PHONE))).toMatchObject({ status: 422, code: 'SMS_NOT_SENT', retryAfter: undefined })
  })

  it('passes a bad number on as VALIDATION_FAILED with the field', async () => {
    const error = await caught(sendSmsCode('+8612345'))
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.details).toMatchObject({ fields: [{ field: 'phone' }] })
  })
})

describe('Retry-After parsing', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-05-01T08:00:00Z')
    expect(parseRetryAfter('60', now)).toBe(60)
    expect(parseRetryAfter(' 7 ', now)).toBe(7)
    expect(parseRetryAfter('Fri, 01 May 2026 08:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('Fri, 01 May 2026 07:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('POST /api/v1/auth/phone', () => {
  it("sends the guest's token along so the guest is merged, and returns the account", async () => {
    const guestToken = await signedInAsGuest()
    const code = await textedCode()

    const result = await phoneSignIn({ phone: PHONE, code, platform: 'h5' })

    const [sent] = api.callsTo('POST', '/api/v1/auth/phone')
    expect(sent?.authorization).toBe(`Bearer ${guestToken}`)
    expect(sent?.body).toEqual({ phone: PHONE, code, platform: 'h5' })
    expect(result.merged).toBe(true)
    expect(result.user).toMatchObject({ isGuest: false, phone: '139****5678' })
    expect(result.token).not.toBe(guestToken)
  })

  it('reports a wrong code with the remaining attempts, without signing in again or retrying', async () => {
    await signedInAsGuest()
    const code = await textedCode()
    const wrong = code === '000000' ? '111111' : '000000'

    const error = await caught(phoneSignIn({ phone: PHONE, code: wrong, platform: 'h5' }))

    expect(error).toMatchObject({ status: 401, code: 'INVALID_CODE', details: { remainingAttempts: 4 } })
    // A 401 about the code is not a rejected token: no guest sign-in, no second (counted) try.
    expect(api.callsTo('POST', '/api/v1/auth/phone')).toHaveLength(1)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(1)
  })

  it('locks the code after five wrong tries', async () => {
    const code = await textedCode()
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 4; i++) await caught(phoneSignIn({ phone: PHONE, code: wrong, platform: 'h5' }))

    expect(await caught(phoneSignIn({ phone: PHONE, code: wrong, platform: 'h5' }))).toMatchObject({ status: 429, code: 'CODE_LOCKED' })
    expect(await caught(phoneSignIn({ phone: PHONE, code, platform: 'h5' }))).toMatchObject({ status: 429, code: 'CODE_LOCKED' })
  })

  it('reports a code that was never sent (or has expired) as CODE_EXPIRED', async () => {
    expect(await caught(phoneSignIn({ phone: PHONE, code: '123456', platform: 'h5' }))).toMatchObject({ status: 401, code: 'CODE_EXPIRED' })
  })

  it('signs in as a guest again and retries once when only the guest token was stale', async () => {
    await signedInAsGuest()
    const code = await textedCode()
    api.revokeTokens()

    const result = await phoneSignIn({ phone: PHONE, code, platform: 'h5' })

    expect(result.user.isGuest).toBe(false)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(2)
  })
})

describe('POST /api/v1/auth/wechat-mp and /wechat-mp/phone', () => {
  it('sends the uni.login code with the guest token', async () => {
    const guestToken = await signedInAsGuest()
    const account = { id: 7, nickname: '微信用户', avatarUrl: null, isGuest: false, phone: null, wechatBound: true }
    api.route('POST /api/v1/auth/wechat-mp', () => ({ status: 200, body: { token: 'oat_wechat', user: account, merged: true } }))

    const result = await wechatMpSignIn('wx-code-1')

    const [sent] = api.callsTo('POST', '/api/v1/auth/wechat-mp')
    expect(sent?.body).toEqual({ code: 'wx-code-1' })
    expect(sent?.authorization).toBe(`Bearer ${guestToken}`)
    expect(result).toMatchObject({ token: 'oat_wechat', merged: true, user: { wechatBound: true } })
  })

  it('maps WeChat refusals', async () => {
    api.route('POST /api/v1/auth/wechat-mp', () => ({ status: 503, body: { error: { code: 'WECHAT_BUSY', message: 'WeChat is busy' } } }))
    expect(await caught(wechatMpSignIn('wx-code'))).toMatchObject({ status: 503, code: 'WECHAT_BUSY' })
  })

  it('binds the phone code and returns the (possibly different) account with its token', async () => {
    setToken('oat_wechat')
    api.route('POST /api/v1/auth/wechat-mp/phone', (req) => ({
      status: 200,
      body: { token: 'oat_other', user: { id: 3, isGuest: false, phone: '138****8000', wechatBound: true }, merged: true, echo: req.body },
    }))

    const result = await bindWechatPhone('phone-code')

    const [sent] = api.callsTo('POST', '/api/v1/auth/wechat-mp/phone')
    expect(sent?.body).toEqual({ code: 'phone-code' })
    expect(sent?.authorization).toBe('Bearer oat_wechat')
    expect(result).toMatchObject({ token: 'oat_other', user: { id: 3, phone: '138****8000' } })
  })
})

describe('/api/v1/me', () => {
  it('updates nickname and settings with PUT', async () => {
    const token = await signedInAsGuest()

    const user = await updateMe({ nickname: '  追剧达人 ', settings: { danmuEnabled: false, playbackSpeed: 1.5 } })

    const [sent] = api.callsTo('PUT', '/api/v1/me')
    expect(sent?.authorization).toBe(`Bearer ${token}`)
    expect(sent?.contentType).toBe('application/json')
    expect(sent?.body).toEqual({ nickname: '  追剧达人 ', settings: { danmuEnabled: false, playbackSpeed: 1.5 } })
    expect(user).toMatchObject({ nickname: '追剧达人', settings: { danmuEnabled: false, playbackSpeed: 1.5, autoUnlock: false } })
    expect(await fetchMe()).toEqual(user)
    expect(api.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
  })

  it('passes field errors on', async () => {
    await signedInAsGuest()
    const error = await caught(updateMe({ settings: { playbackSpeed: 4 } }))
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: { fields: [{ field: 'settings.playbackSpeed' }] } })
  })
})

describe('POST /api/v1/me/avatar', () => {
  it('uploads the picked file as the multipart field "avatar" with the token', async () => {
    const token = await signedInAsGuest()
    const path = join(files, 'face.png')
    await writeFile(path, Buffer.alloc(2048, 1))

    const user = await uploadAvatar(path)

    const [sent] = api.callsTo('POST', '/api/v1/me/avatar')
    expect(sent?.authorization).toBe(`Bearer ${token}`)
    expect(sent?.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect((sent?.body as Record<string, UploadedFile>).avatar).toEqual({ filename: 'face.png', type: 'image/png', size: 2048 })
    expect(user.avatarUrl).toMatch(new RegExp(`^${api.url}/uploads/avatars/`))
  })

  it('maps a refused file to ApiError from the text body uploadFile returns', async () => {
    await signedInAsGuest()
    const path = join(files, 'anim.gif')
    await writeFile(path, Buffer.alloc(16))

    const error = await caught(uploadAvatar(path))

    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: { fields: [{ field: 'avatar' }] } })
  })

  it('recovers from a rejected token like any other request', async () => {
    await signedInAsGuest()
    api.revokeTokens()
    const path = join(files, 'face.jpg')
    await writeFile(path, Buffer.alloc(10))

    const user = await uploadAvatar(path)

    expect(user.avatarUrl).toBeTruthy()
    expect(api.callsTo('POST', '/api/v1/me/avatar')).toHaveLength(2)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(2)
  })

  it('reports a failed transfer as NETWORK_ERROR', async () => {
    expect(await caught(uploadAvatar(join(files, 'missing.png')))).toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })
})

describe('POST /api/v1/auth/logout', () => {
  it('revokes the current token', async () => {
    const token = await signedInAsGuest()
    await expect(logout()).resolves.toBeUndefined()
    expect(api.callsTo('POST', '/api/v1/auth/logout')[0]?.authorization).toBe(`Bearer ${token}`)
    expect(api.userFor(token)).toBeUndefined()
  })

  it('does not sign in again to retry: that would log the fresh session out', async () => {
    setToken('stale')
    expect(await caught(logout())).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    expect(api.callsTo('POST', '/api/v1/auth/logout')).toHaveLength(1)
    expect(api.callsTo('POST', '/api/v1/auth/guest')).toHaveLength(0)
  })
})
