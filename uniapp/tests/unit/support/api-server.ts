// A local stand-in for the Duanju endpoints the client uses, plus per-test routes. It speaks
// HTTP on 127.0.0.1 so the client code under test runs unchanged, and follows the API contract
// (status codes, error codes, headers) closely enough for the client's logic to be exercised.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface UploadedFile {
  filename: string
  type: string
  size: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: string
  authorization: string | undefined
  contentType: string | undefined
  /** JSON (parsed), text, or for multipart/form-data the fields and files by name. */
  body: unknown
}

export interface Reply {
  status: number
  body?: unknown
  /** Sent as is instead of JSON. */
  raw?: string
  headers?: Record<string, string>
}

export interface ApiSettings {
  autoUnlock: boolean
  danmuEnabled: boolean
  playbackSpeed: number
  preferredQuality: string
}

export interface ApiUser {
  id: number
  nickname: string
  avatarUrl: string | null
  isGuest: boolean
  phone: string | null
  wechatBound: boolean
  settings: ApiSettings
  createdAt: string
}

const PLATFORMS = ['h5', 'mp-weixin', 'app-android', 'app-ios']
const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3]
const QUALITIES = ['auto', '480p', '720p', '1080p']
const MAX_ATTEMPTS = 5
const RESEND_SECONDS = 60

function error(status: number, code: string, message: string, details?: Record<string, unknown>): Reply {
  return { status, body: { error: details ? { code, message, details } : { code, message } } }
}

function invalid(field: string, message = 'Invalid value', rule = 'invalid'): Reply {
  return error(422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields: [{ field, rule, message }] })
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const buffer = Buffer.concat(chunks)
  if (buffer.length === 0) return undefined
  const contentType = req.headers['content-type'] ?? ''
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': contentType }, body: buffer }).formData()
    const parsed: Record<string, string | UploadedFile> = {}
    for (const [name, value] of form.entries()) {
      parsed[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size }
    }
    return parsed
  }
  const text = buffer.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function startApiServer() {
  const guests = new Map<string, ApiUser>()
  const accounts = new Map<string, ApiUser>()
  const tokens = new Map<string, ApiUser>()
  const codes = new Map<string, { code: string; attempts: number; sentAt: number }>()
  const routes = new Map<string, (request: RecordedRequest) => Reply>()
  const requests: RecordedRequest[] = []
  let nextId = 100
  let baseUrl = ''

  function newUser(isGuest: boolean): ApiUser {
    nextId += 1
    return {
      id: nextId,
      nickname: isGuest ? `游客${nextId}` : `用户${nextId}`,
      avatarUrl: null,
      isGuest,
      phone: null,
      wechatBound: false,
      settings: { autoUnlock: false, danmuEnabled: true, playbackSpeed: 1, preferredQuality: 'auto' },
      createdAt: new Date().toISOString(),
    }
  }

  function issue(user: ApiUser): string {
    const token = `oat_${randomUUID()}`
    tokens.set(token, user)
    return token
  }

  function bearer(request: RecordedRequest): string {
    return request.authorization?.replace(/^Bearer /, '') ?? ''
  }

  const unauthenticated = () => error(401, 'UNAUTHENTICATED', 'Unauthenticated')

  function handle(request: RecordedRequest): Reply {
    const custom = routes.get(`${request.method} ${request.path}`)
    if (custom) return custom(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const key = `${request.method} ${request.path}`

    if (key === 'POST /api/v1/auth/guest') {
      const { deviceId, platform } = body
      if (typeof deviceId !== 'string' || typeof platform !== 'string' || !PLATFORMS.includes(platform)) {
        return invalid('platform', 'Unknown platform', 'enum')
      }
      let user = guests.get(deviceId)
      if (!user) {
        user = newUser(true)
        guests.set(deviceId, user)
      }
      return { status: 200, body: { token: issue(user), user } }
    }

    if (key === 'POST /api/v1/auth/sms-codes') {
      const phone = body.phone
      if (typeof phone !== 'string' || !/^\+861[3-9]\d{9}$/.test(phone)) return invalid('phone')
      const last = codes.get(phone)
      const wait = last ? RESEND_SECONDS - Math.floor((Date.now() - last.sentAt) / 1000) : 0
      if (wait > 0) {
        return { ...error(429, 'RATE_LIMITED', `Wait ${wait} s`, { retryAfter: wait }), headers: { 'Retry-After': String(wait) } }
      }
      codes.set(phone, { code: String(100000 + Math.floor(Math.random() * 900000)), attempts: 0, sentAt: Date.now() })
      return { status: 204 }
    }

    if (key === 'POST /api/v1/auth/phone') {
      // A token that is sent must be valid: it decides whose data is merged.
      const guest = tokens.get(bearer(request))
      if (request.authorization && !guest) return unauthenticated()
      const { phone, code } = body
      if (typeof phone !== 'string' || !/^\+861[3-9]\d{9}$/.test(phone)) return invalid('phone')
      if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return invalid('code')
      const sent = codes.get(phone)
      if (!sent) return error(401, 'CODE_EXPIRED', 'The code has expired')
      if (sent.attempts >= MAX_ATTEMPTS) return error(429, 'CODE_LOCKED', 'Too many wrong codes')
      if (sent.code !== code) {
        sent.attempts += 1
        const remaining = MAX_ATTEMPTS - sent.attempts
        return remaining > 0
          ? error(401, 'INVALID_CODE', 'Wrong code', { remainingAttempts: remaining })
          : error(429, 'CODE_LOCKED', 'Too many wrong codes')
      }
      codes.delete(phone)
      let account = accounts.get(phone)
      const merged = Boolean(guest?.isGuest)
      if (!account) {
        account = newUser(false)
        account.phone = `${phone.slice(3, 6)}****${phone.slice(-4)}`
        accounts.set(phone, account)
      }
      return { status: 200, body: { token: issue(account), user: account, merged } }
    }

    if (key === 'POST /api/v1/auth/logout') {
      if (!tokens.delete(bearer(request))) return unauthenticated()
      return { status: 204 }
    }

    const user = tokens.get(bearer(request))
    if (key === 'GET /api/v1/me') {
      return user ? { status: 200, body: { user } } : unauthenticated()
    }

    if (key === 'PUT /api/v1/me') {
      if (!user) return unauthenticated()
      const { nickname, settings } = body as { nickname?: unknown; settings?: Record<string, unknown> }
      if (nickname !== undefined && (typeof nickname !== 'string' || nickname.trim().length < 1 || nickname.trim().length > 20)) {
        return invalid('nickname')
      }
      if (settings !== undefined) {
        for (const [field, value] of Object.entries(settings)) {
          const ok =
            field === 'autoUnlock' || field === 'danmuEnabled'
              ? typeof value === 'boolean'
              : field === 'playbackSpeed'
                ? SPEEDS.includes(value as number)
                : field === 'preferredQuality' && QUALITIES.includes(value as string)
          if (!ok) return invalid(`settings.${field}`)
        }
        Object.assign(user.settings, settings)
      }
      if (typeof nickname === 'string') user.nickname = nickname.trim()
      return { status: 200, body: { user } }
    }

    if (key === 'POST /api/v1/me/avatar') {
      if (!user) return unauthenticated()
      const file = (body as Record<string, unknown>).avatar as UploadedFile | undefined
      if (!file || typeof file !== 'object') return invalid('avatar', 'The avatar file is required')
      if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) return invalid('avatar', 'jpg, png or webp')
      if (file.size > 2 * 1024 * 1024) return invalid('avatar', 'At most 2 MB')
      user.avatarUrl = `${baseUrl}/uploads/avatars/${user.id}-${randomUUID()}.${file.type.split('/')[1]}`
      return { status: 200, body: { user } }
    }

    return error(404, 'NOT_FOUND', 'Not found')
  }

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      }
      requests.push(request)
      const reply = handle(request)
      const headers = { ...reply.headers }
      if (reply.raw !== undefined) {
        res.writeHead(reply.status, { ...headers, 'content-type': 'text/plain' }).end(reply.raw)
      } else if (reply.body === undefined) {
        res.writeHead(reply.status, headers).end()
      } else {
        res.writeHead(reply.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    requests,
    /** Requests to one method + path, in order. */
    callsTo: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
    route: (key: string, handler: (request: RecordedRequest) => Reply) => void routes.set(key, handler),
    /** The login code last "texted" to a number (E.164). */
    smsCode: (phone: string) => codes.get(phone)?.code,
    /** Pretends the last code for `phone` was sent `seconds` ago. */
    ageSmsCode: (phone: string, seconds: number) => {
      const sent = codes.get(phone)
      if (sent) sent.sentAt -= seconds * 1000
    },
    /** The user a token belongs to, if it is still valid. */
    userFor: (token: string | null) => (token ? tokens.get(token) : undefined),
    /** Simulates expired or revoked tokens: every issued token stops working. */
    revokeTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type ApiServer = Awaited<ReturnType<typeof startApiServer>>
