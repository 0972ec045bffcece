import type { ServerResponse } from 'node:http'
import type { Account, Role } from './api-server'

/**
 * The accounts endpoints of the admin API, as the contract describes them: viewers (list, detail,
 * ban, unban), admin accounts and roles, and the audit log. In memory, keyset-paginated by id like
 * the real server, with its permission checks, validation shapes and conflict codes.
 */

export interface Viewer {
  id: number
  nickname: string | null
  avatarUrl: string | null
  isGuest: boolean
  phone: string | null
  status: 'active' | 'banned'
  signupPlatform: string | null
  wechatBound: boolean
  bannedReason: string | null
  bannedAt: string | null
  lastSeenAt: string | null
  createdAt: string
}

export interface AuditRow {
  id: number
  actor: { type: string; id: number | null; name: string | null }
  action: string
  target: { type: string; id: string } | null
  before: unknown
  after: unknown
  ip: string | null
  requestId: string | null
  createdAt: string
}

export interface AccountsData {
  viewers: Viewer[]
  devices: Map<number, { platform: string; deviceId: string; lastSeenAt: string | null }[]>
  merges: Map<number, { sourceUserId: number; moved: Record<string, number>; createdAt: string }[]>
  audit: AuditRow[]
}

export interface AccountsContext {
  method: string
  url: URL
  body: unknown
  signedIn: Account | undefined
  accounts: Map<string, Account>
  tokens: Map<string, string>
  data: AccountsData
  res: ServerResponse
}

export interface RoleCatalog {
  rolePermissions: Record<Role, readonly string[]>
  permissionsOf: (account: Account) => string[]
}

const PLATFORMS = ['app-android', 'app-ios', 'h5', 'mp-weixin']
const ROLES: Role[] = ['admin', 'operator', 'reviewer', 'finance']

interface FieldError {
  field: string
  rule: string
  message: string
}

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
  return true
}

function fail(res: ServerResponse, status: number, code: string, message: string, details?: unknown): true {
  return send(res, status, { error: details === undefined ? { code, message } : { code, message, details } })
}

function invalid(res: ServerResponse, fields: FieldError[]): true {
  return fail(res, 422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields })
}

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

export function seedAccountsData(): AccountsData {
  const viewers: Viewer[] = [
    ['追剧达人', 'h5', null, true],
    ['夜猫子', 'app-android', '+8613800138000', false],
    ['Lily', 'mp-weixin', null, true],
    ['追剧小能手', 'app-ios', '+8613912345678', false],
    ['深夜追剧', 'h5', null, true],
  ].map(([nickname, platform, phone, isGuest], index) => ({
    id: index + 1,
    nickname: nickname as string,
    avatarUrl: null,
    isGuest: isGuest as boolean,
    phone: phone as string | null,
    status: 'active',
    signupPlatform: platform as string,
    wechatBound: platform === 'mp-weixin',
    bannedReason: null,
    bannedAt: null,
    lastSeenAt: '2026-11-20T12:00:00.000Z',
    createdAt: `2026-11-0${index + 1}T08:30:00.000Z`,
  }))
  return {
    viewers,
    devices: new Map([[1, [{ platform: 'h5', deviceId: 'demo-viewer-h5-0001', lastSeenAt: '2026-11-20T12:00:00.000Z' }]]]),
    merges: new Map([[2, [{ sourceUserId: 99, moved: { favorites: 3, history: 12 }, createdAt: '2026-11-10T09:00:00.000Z' }]]]),
    audit: [],
  }
}

export function auditRow(
  data: AccountsData,
  actor: Account,
  action: string,
  target: { type: string; id: number | string },
  before: unknown = null,
  after: unknown = null,
): AuditRow {
  return {
    id: (data.audit.at(-1)?.id ?? 0) + 1,
    actor: { type: 'admin', id: actor.id, name: actor.email },
    action,
    target: { type: target.type, id: String(target.id) },
    before,
    after,
    ip: '127.0.0.1',
    requestId: `req-${data.audit.length + 1}`,
    createdAt: new Date().toISOString(),
  }
}

/** `?limit=` (1–100, default 20) and `?cursor=` (an id) as the real server validates them. */
function pageParams(url: URL, fields: FieldError[]): { limit: number; cursor: number | null } {
  const limitText = url.searchParams.get('limit')
  const cursorText = url.searchParams.get('cursor')
  const limit = limitText === null ? 20 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    fields.push({ field: 'limit', rule: 'range', message: 'The limit field must be between 1 and 100' })
  }
  const cursor = cursorText === null ? null : Number(cursorText)
  if (cursor !== null && (!Number.isInteger(cursor) || cursor <= 0)) {
    fields.push({ field: 'cursor', rule: 'positive', message: 'The cursor field must be positive' })
  }
  return { limit, cursor }
}

/** Newest (highest id) first; the cursor is the last id of the previous page. */
function pageOf<T extends { id: number }>(rows: T[], limit: number, cursor: number | null) {
  const sorted = rows.filter((row) => cursor === null || row.id < cursor).sort((a, b) => b.id - a.id)
  const page = sorted.slice(0, limit)
  return { data: page, nextCursor: sorted.length > limit ? String(page.at(-1)?.id) : null }
}

function adminView(account: Account) {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    roles: [...account.roles],
    status: account.status,
    lastLoginAt: account.lastLoginAt,
  }
}

function checkRoles(value: unknown, fields: FieldError[]): Role[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    fields.push({ field: 'roles', rule: 'array.minLength', message: 'The roles field must have at least 1 items' })
    return undefined
  }
  const bad = value.findIndex((role) => !ROLES.includes(role as Role))
  if (bad >= 0) {
    fields.push({ field: `roles.${bad}`, rule: 'enum', message: 'The selected roles is invalid' })
    return undefined
  }
  return value as Role[]
}

function checkPassword(value: unknown, fields: FieldError[]): string | undefined {
  if (typeof value !== 'string' || value.length < 10) {
    fields.push({ field: 'password', rule: 'minLength', message: 'The password field must have at least 10 characters' })
    return undefined
  }
  if (value.length > 128) {
    fields.push({ field: 'password', rule: 'maxLength', message: 'The password field must not be greater than 128 characters' })
    return undefined
  }
  return value
}

function checkName(value: unknown, fields: FieldError[]): string | undefined {
  const name = typeof value === 'string' ? value.trim() : ''
  if (name === '' || name.length > 64) {
    fields.push({ field: 'name', rule: 'required', message: 'The name field must be defined' })
    return undefined
  }
  return name
}

function usersRoutes(ctx: AccountsContext, actor: Account, path: string): boolean {
  const { res, url, data } = ctx
  if (ctx.method === 'GET' && path === '/admin/v1/users') {
    const fields: FieldError[] = []
    const { limit, cursor } = pageParams(url, fields)
    const status = url.searchParams.get('status')
    const platform = url.searchParams.get('platform')
    if (status !== null && status !== 'active' && status !== 'banned') {
      fields.push({ field: 'status', rule: 'enum', message: 'The selected status is invalid' })
    }
    if (platform !== null && !PLATFORMS.includes(platform)) {
      fields.push({ field: 'platform', rule: 'enum', message: 'The selected platform is invalid' })
    }
    if (fields.length > 0) return invalid(res, fields)
    const q = url.searchParams.get('q')?.trim() ?? ''
    const digits = q.replace(/\D/g, '')
    const matches = data.viewers.filter(
      (viewer) =>
        (status === null || viewer.status === status) &&
        (platform === null || viewer.signupPlatform === platform) &&
        (q === '' ||
          (viewer.nickname ?? '').includes(q) ||
          (digits.length >= 4 && (viewer.phone ?? '').includes(digits)) ||
          (/^\d+$/.test(q) && viewer.id === Number(q))),
    )
    return send(res, 200, pageOf(matches, limit, cursor))
  }

  const match = /^\/admin\/v1\/users\/([^/]+)(\/ban|\/unban)?$/.exec(path)
  if (!match) return false
  const viewer = data.viewers.find((candidate) => String(candidate.id) === match[1])
  const action = match[2]
  if (!viewer) return fail(res, 404, 'NOT_FOUND', 'No such user')
  if (ctx.method === 'GET' && action === undefined) {
    return send(res, 200, { user: viewer, devices: data.devices.get(viewer.id) ?? [], merges: data.merges.get(viewer.id) ?? [] })
  }
  if (ctx.method !== 'POST' || action === undefined) return false
  const before = { status: viewer.status, bannedReason: viewer.bannedReason }
  if (action === '/ban') {
    const reason = record(ctx.body).reason
    const trimmed = typeof reason === 'string' ? reason.trim() : ''
    if (trimmed.length < 2 || trimmed.length > 200) {
      return invalid(res, [{ field: 'reason', rule: 'minLength', message: 'The reason field must have at least 2 characters' }])
    }
    Object.assign(viewer, { status: 'banned', bannedReason: trimmed, bannedAt: new Date().toISOString() })
  } else {
    Object.assign(viewer, { status: 'active', bannedReason: null, bannedAt: null })
  }
  const after = { status: viewer.status, bannedReason: viewer.bannedReason }
  data.audit.push(auditRow(data, actor, action === '/ban' ? 'users.ban' : 'users.unban', { type: 'user', id: viewer.id }, before, after))
  return send(res, 200, { user: viewer })
}

function adminsRoutes(ctx: AccountsContext, actor: Account, path: string, catalog: RoleCatalog): boolean {
  const { res, accounts, data } = ctx
  if (ctx.method === 'GET' && path === '/admin/v1/admins') {
    return send(res, 200, { data: [...accounts.values()].sort((a, b) => a.id - b.id).map(adminView) })
  }
  if (ctx.method === 'GET' && path === '/admin/v1/roles') {
    return send(res, 200, { data: ROLES.map((role) => ({ role, permissions: [...catalog.rolePermissions[role]] })) })
  }
  const input = record(ctx.body)
  if (ctx.method === 'POST' && path === '/admin/v1/admins') {
    const fields: FieldError[] = []
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : ''
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      fields.push({ field: 'email', rule: 'email', message: 'The email field must be a valid email address' })
    }
    const name = checkName(input.name, fields)
    const roles = checkRoles(input.roles, fields)
    const password = checkPassword(input.password, fields)
    if (fields.length > 0 || !name || !roles || !password) return invalid(res, fields)
    if (accounts.has(email)) return fail(res, 409, 'EMAIL_TAKEN', 'An admin with this email already exists')
    const id = Math.max(...[...accounts.values()].map((account) => account.id)) + 1
    const account: Account = { id, name, email, password, roles, status: 'active', lastLoginAt: null }
    accounts.set(email, account)
    data.audit.push(auditRow(data, actor, 'admins.create', { type: 'admin', id }, null, adminView(account)))
    return send(res, 201, { admin: adminView(account) })
  }
  const match = /^\/admin\/v1\/admins\/([^/]+)$/.exec(path)
  if (ctx.method !== 'PATCH' || !match) return false
  const target = [...accounts.values()].find((account) => String(account.id) === match[1])
  if (!target) return fail(res, 404, 'NOT_FOUND', 'No such admin')
  const fields: FieldError[] = []
  const name = input.name === undefined ? undefined : checkName(input.name, fields)
  const roles = input.roles === undefined ? undefined : checkRoles(input.roles, fields)
  const password = input.password === undefined ? undefined : checkPassword(input.password, fields)
  const status = input.status
  if (status !== undefined && status !== 'active' && status !== 'disabled') {
    fields.push({ field: 'status', rule: 'enum', message: 'The selected status is invalid' })
  }
  if (fields.length > 0) return invalid(res, fields)
  if (target.id === actor.id && (status === 'disabled' || (roles && !roles.includes('admin')))) {
    return fail(res, 409, 'CANNOT_LOCK_OUT_SELF', 'You cannot disable yourself or remove your own admin role')
  }
  const before = adminView(target)
  if (name !== undefined) target.name = name
  if (roles !== undefined) target.roles = roles
  if (status === 'active' || status === 'disabled') target.status = status
  if (password !== undefined) target.password = password
  if (target.status === 'disabled' || password !== undefined) {
    for (const [token, email] of ctx.tokens) if (email === target.email) ctx.tokens.delete(token)
  }
  data.audit.push(auditRow(data, actor, 'admins.update', { type: 'admin', id: target.id }, before, adminView(target)))
  return send(res, 200, { admin: adminView(target) })
}

function auditRoutes(ctx: AccountsContext): true {
  const { res, url, data } = ctx
  const fields: FieldError[] = []
  const { limit, cursor } = pageParams(url, fields)
  const param = (name: string) => url.searchParams.get(name) ?? undefined
  const actorId = param('actorId')
  if (actorId !== undefined && !/^\d+$/.test(actorId)) {
    fields.push({ field: 'actorId', rule: 'number', message: 'The actorId field must be a number' })
  }
  const bounds = ['from', 'to'].map((name) => {
    const value = param(name)
    if (value === undefined) return undefined
    const time = Date.parse(value)
    if (Number.isNaN(time)) fields.push({ field: name, rule: 'regex', message: `The ${name} field format is invalid` })
    return time
  })
  if (fields.length > 0) return invalid(res, fields)
  const [from, to] = bounds
  const rows = data.audit.filter((row) => {
    const at = Date.parse(row.createdAt)
    return (
      (param('action') === undefined || row.action === param('action')) &&
      (param('actorType') === undefined || row.actor.type === param('actorType')) &&
      (actorId === undefined || row.actor.id === Number(actorId)) &&
      (param('targetType') === undefined || row.target?.type === param('targetType')) &&
      (param('targetId') === undefined || row.target?.id === param('targetId')) &&
      (from === undefined || at >= from) &&
      (to === undefined || at < to)
    )
  })
  return send(res, 200, pageOf(rows, limit, cursor))
}

const PERMISSION_BY_PREFIX: [RegExp, string][] = [
  [/^\/admin\/v1\/users(\/|$)/, 'users.manage'],
  [/^\/admin\/v1\/(admins|roles)(\/|$)/, 'admins.manage'],
  [/^\/admin\/v1\/audit-logs$/, 'audit.read'],
]

/** Answers the request when it is an accounts endpoint (true), else leaves it to the caller (false). */
export function handleAccountsRoute(ctx: AccountsContext, catalog: RoleCatalog): boolean {
  const path = ctx.url.pathname
  const required = PERMISSION_BY_PREFIX.find(([pattern]) => pattern.test(path))?.[1]
  if (!required) return false
  const actor = ctx.signedIn
  if (!actor) return fail(ctx.res, 401, 'UNAUTHENTICATED', 'Authentication required')
  if (!catalog.permissionsOf(actor).includes(required)) {
    return fail(ctx.res, 403, 'FORBIDDEN', 'You are not allowed to do this')
  }
  if (required === 'users.manage') return usersRoutes(ctx, actor, path)
  if (required === 'admins.manage') return adminsRoutes(ctx, actor, path, catalog)
  return ctx.method === 'GET' ? auditRoutes(ctx) : false
}
