import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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
