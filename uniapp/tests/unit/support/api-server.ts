// A local stand-in for the two Duanju endpoints the shell uses, plus per-test routes. It speaks
// HTTP on 127.0.0.1 so the client code under test runs unchanged.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  query: string
  authorization: string | undefined
  contentType: string | undefined
  body: unknown
}

export interface Reply {
  status: number
  body?: unknown
  /** Sent as is instead of JSON. */
  raw?: string
}

export interface ApiUser {
  id: number
  nickname: string
  avatarUrl: string | null
  isGuest: boolean
}

const PLATFORMS = ['h5', 'mp-weixin', 'app-android', 'app-ios']

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function startApiServer() {
  const guests = new Map<string, ApiUser>()
  const tokens = new Map<string, ApiUser>()
  const routes = new Map<string, (request: RecordedRequest) => Reply>()
  const requests: RecordedRequest[] = []
  let nextId = 100

  function handle(request: RecordedRequest): Reply {
    const custom = routes.get(`${request.method} ${request.path}`)
    if (custom) return custom(request)
    if (request.method === 'POST' && request.path === '/api/v1/auth/guest') {
      const { deviceId, platform } = (request.body ?? {}) as { deviceId?: unknown; platform?: unknown }
      if (typeof deviceId !== 'string' || typeof platform !== 'string' || !PLATFORMS.includes(platform)) {
        return {
          status: 422,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Validation failed',
              details: { fields: [{ field: 'platform', rule: 'enum', message: 'Unknown platform' }] },
            },
          },
        }
      }
      let user = guests.get(deviceId)
      if (!user) {
        nextId += 1
        user = { id: nextId, nickname: `游客${nextId}`, avatarUrl: null, isGuest: true }
        guests.set(deviceId, user)
      }
      const token = `oat_${randomUUID()}`
      tokens.set(token, user)
      return { status: 200, body: { token, user } }
    }
    if (request.method === 'GET' && request.path === '/api/v1/me') {
      const user = tokens.get(request.authorization?.replace(/^Bearer /, '') ?? '')
      if (!user) return { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Unauthenticated' } } }
      return { status: 200, body: { user } }
    }
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found' } } }
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
      if (reply.raw !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.raw)
      } else if (reply.body === undefined) {
        res.writeHead(reply.status).end()
      } else {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Requests to one method + path, in order. */
    callsTo: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
    route: (key: string, handler: (request: RecordedRequest) => Reply) => void routes.set(key, handler),
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
