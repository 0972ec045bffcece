import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { auditRow, handleAccountsRoute, seedAccountsData, type AccountsData } from './accounts-routes'
import { handleCatalogRoute, seedCatalogData, type CatalogData } from './catalog-routes'
import { handleFinanceRoute, seedFinanceData, type FinanceData } from './finance-routes'
import { handleMediaRoute, seedMediaData, type MediaData } from './media-routes'

/**
 * A real HTTP server on 127.0.0.1 that answers the admin auth endpoints the way the contract says
 * (docs: /admin/v1/auth/login, /admin/v1/me, /admin/v1/auth/logout), the accounts endpoints (users,
 * admins, roles, audit log: see accounts-routes.ts), the catalog endpoints (dramas, episodes,
 * categories: see catalog-routes.ts), the finance endpoints (orders, wallets, recharge packages:
 * see finance-routes.ts), the media endpoints (uploads, processing, preview, intro/outro, watermark:
 * see media-routes.ts), plus a few /test/* routes that return the error
 * shapes the client must map. The app's own code talks to it through real fetch.
 */

export const ROLE_PERMISSIONS = {
  admin: [
    'dashboard.view',
    'catalog.manage',
    'media.manage',
    'marketing.manage',
    'users.manage',
    'orders.read',
    'finance.manage',
    'moderation.review',
    'stats.view',
    'admins.manage',
    'audit.read',
  ],
  operator: [
    'dashboard.view',
    'catalog.manage',
    'media.manage',
    'marketing.manage',
    'users.manage',
    'orders.read',
    'stats.view',
  ],
  reviewer: ['dashboard.view', 'moderation.review'],
  finance: ['dashboard.view', 'orders.read', 'finance.manage', 'stats.view'],
} as const satisfies Record<string, readonly string[]>

export type Role = keyof typeof ROLE_PERMISSIONS

export const DEMO_PASSWORD = 'Duanju@2026'

export interface Account {
  id: number
  name: string
  email: string
  password: string
  roles: Role[]
  status: 'active' | 'disabled'
  lastLoginAt: string | null
  /** Overrides the roles' permissions, to simulate a change made on the server. */
  permissions?: string[]
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  body: unknown
}

export interface TestApiServer {
  url: string
  requests: RecordedRequest[]
  accounts: Map<string, Account>
  tokens: Map<string, string>
  /** Viewers, their devices and merges, and the audit log behind the accounts endpoints. */
  data: AccountsData
  /** Categories, dramas, episodes and received uploads behind the catalog endpoints. */
  catalog: CatalogData
  /** Orders and their callbacks, wallets and ledger entries, recharge packages. */
  finance: FinanceData
  /** Uploads and their chunks, transcoding states, watermarks behind the media endpoints. */
  media: MediaData
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}

function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  send(res, status, { error: details === undefined ? { code, message } : { code, message, details } })
}

/** The raw bytes (for multipart uploads) and the body as JSON, or as text when it is not JSON. */
async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; body: unknown }> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks)
  const text = raw.toString('utf8')
  if (text === '') return { raw, body: undefined }
  try {
    return { raw, body: JSON.parse(text) as unknown }
  } catch {
    return { raw, body: text }
  }
}

export function permissionsOf(account: Account): string[] {
  if (account.permissions) return account.permissions
  const granted = new Set<string>(account.roles.flatMap((role) => ROLE_PERMISSIONS[role]))
  return ROLE_PERMISSIONS.admin.filter((permission) => granted.has(permission))
}

function profile(account: Account) {
  return {
    admin: { id: account.id, name: account.name, email: account.email, roles: [...account.roles] },
    permissions: permissionsOf(account),
  }
}

export async function startTestApi(): Promise<TestApiServer> {
  const accounts = new Map<string, Account>()
  const roles: Role[] = ['admin', 'operator', 'reviewer', 'finance']
  roles.forEach((role, index) => {
    const email = `${role}@duanju.dev`
    accounts.set(email, {
      id: index + 1,
      name: `Demo ${role}`,
      email,
      password: DEMO_PASSWORD,
      roles: [role],
      status: 'active',
      lastLoginAt: null,
    })
  })
  const tokens = new Map<string, string>()
  const requests: RecordedRequest[] = []
  const data = seedAccountsData()
  const catalog = seedCatalogData()
  const finance = seedFinanceData()
  const media = seedMediaData()

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const { raw, body } = await readBody(req)
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      })
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const signedIn = bearer ? accounts.get(tokens.get(bearer) ?? '') : undefined
      const route = `${req.method} ${url.pathname}`

      if (route === 'POST /admin/v1/auth/login') {
        const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
        const fields: { field: string; rule: string; message: string }[] = []
        if (typeof input.email !== 'string' || !input.email.includes('@')) {
          fields.push({ field: 'email', rule: 'email', message: 'The email field must be a valid email address' })
        }
        if (typeof input.password !== 'string' || input.password === '') {
          fields.push({ field: 'password', rule: 'required', message: 'The password field must be defined' })
        }
        if (fields.length > 0) {
          sendError(res, 422, 'VALIDATION_FAILED', 'The request is invalid', { fields })
          return
        }
        const account = accounts.get(String(input.email).toLowerCase())
        if (!account || account.password !== input.password || account.status !== 'active') {
          sendError(res, 401, 'INVALID_CREDENTIALS', 'Invalid email or password')
          return
        }
        const token = `oat_${randomBytes(16).toString('hex')}`
        tokens.set(token, account.email)
        account.lastLoginAt = new Date().toISOString()
        data.audit.push(auditRow(data, account, 'admin.login', { type: 'admin', id: account.id }))
        send(res, 200, { token, ...profile(account) })
        return
      }
      if (route === 'GET /admin/v1/me') {
        if (!signedIn) {
          sendError(res, 401, 'UNAUTHENTICATED', 'Authentication required')
          return
        }
        send(res, 200, profile(signedIn))
        return
      }
      if (route === 'POST /admin/v1/auth/logout') {
        if (!signedIn || !bearer) {
          sendError(res, 401, 'UNAUTHENTICATED', 'Authentication required')
          return
        }
        tokens.delete(bearer)
        send(res, 204)
        return
      }
      // Before the accounts routes: /admin/v1/users/:id/wallet needs finance.manage, not users.manage.
      const financeContext = {
        method: req.method ?? 'GET',
        url,
        body,
        headers: req.headers,
        signedIn,
        data: finance,
        res,
        permissionsOf,
        viewerExists: (id: number) => data.viewers.some((viewer) => viewer.id === id),
        audit: (actor: Account, action: string, target: { type: string; id: number | string }, before: unknown, after: unknown) => {
          data.audit.push(auditRow(data, actor, action, target, before, after))
        },
      }
      if (handleFinanceRoute(financeContext)) return
      const accountsContext = { method: req.method ?? 'GET', url, body, signedIn, accounts, tokens, data, res }
      if (handleAccountsRoute(accountsContext, { rolePermissions: ROLE_PERMISSIONS, permissionsOf })) return
      const mediaRequest = {
        method: req.method ?? 'GET',
        url,
        headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value])),
        raw,
        body,
        actor: signedIn ? { account: signedIn, permissions: permissionsOf(signedIn) } : undefined,
      }
      if (handleMediaRoute(mediaRequest, media, catalog, res)) return
      const catalogContext = {
        method: req.method ?? 'GET',
        url,
        body,
        rawBody: raw,
        contentType: req.headers['content-type'] ?? '',
        signedIn,
        data: catalog,
        res,
        permissionsOf,
      }
      if (await handleCatalogRoute(catalogContext)) return
      if (route === 'GET /test/echo') {
        send(res, 200, { authorization: req.headers.authorization ?? null, query: Object.fromEntries(url.searchParams) })
        return
      }
      if (route === 'POST /test/echo') {
        send(res, 201, { contentType: req.headers['content-type'] ?? null, body })
        return
      }
      if (route === 'POST /test/upload') {
        const form = await new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: new Uint8Array(raw),
        }).formData()
        const file = form.get('image')
        send(res, 201, {
          contentType: req.headers['content-type'] ?? null,
          authorization: req.headers.authorization ?? null,
          query: Object.fromEntries(url.searchParams),
          file: file instanceof File ? { name: file.name, type: file.type, size: file.size } : null,
        })
        return
      }
      if (route === 'PUT /test/bytes') {
        send(res, 200, {
          contentType: req.headers['content-type'] ?? null,
          checksum: req.headers['x-chunk-sha256'] ?? null,
          bytes: [...raw],
        })
        return
      }
      if (route === 'GET /test/slow') {
        // Answers after a second, unless the client gives up first.
        const timer = setTimeout(() => send(res, 200, { slow: true }), 1000)
        res.on('close', () => clearTimeout(timer))
        return
      }
      if (route === 'DELETE /test/no-content') {
        send(res, 204)
        return
      }
      if (route === 'POST /test/validation') {
        sendError(res, 422, 'VALIDATION_FAILED', 'The request is invalid', {
          fields: [{ field: 'title', rule: 'required', message: 'The title field must be defined' }],
        })
        return
      }
      if (route === 'GET /test/locked') {
        sendError(res, 402, 'EPISODE_LOCKED', 'This episode is locked', { unlockOptions: { priceCoins: 30 } })
        return
      }
      if (route === 'GET /test/protected') {
        if (!signedIn) {
          sendError(res, 401, 'UNAUTHENTICATED', 'Authentication required')
          return
        }
        send(res, 200, { ok: true })
        return
      }
      if (route === 'GET /test/bad-gateway') {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>')
        return
      }
      sendError(res, 404, 'NOT_FOUND', `Cannot ${req.method} ${url.pathname}`)
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error))
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accounts,
    tokens,
    data,
    catalog,
    finance,
    media,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
