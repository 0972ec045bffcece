import { compactQuery, http, type CursorPage, type PageRequest } from './http'

export const ACTOR_TYPES = ['admin', 'user', 'system'] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

/** The actions the admin knows a label for; the log may hold others, shown as they are. */
export const KNOWN_AUDIT_ACTIONS = [
  'admin.login',
  'users.ban',
  'users.unban',
  'admins.create',
  'admins.update',
  'catalog.drama_create',
  'catalog.drama_update',
  'catalog.drama_delete',
  'catalog.drama_publish',
  'catalog.drama_unpublish',
  'catalog.episode_create',
  'catalog.episode_update',
  'catalog.episode_delete',
  'catalog.episodes_pricing',
  'catalog.episodes_schedule',
  'catalog.episodes_publish',
  'catalog.episodes_reorder',
  'media.episode_upload',
  'media.upload_cancel',
  'media.transcode_retry',
  'media.watermark_image',
  'media.watermark_update',
  'coins.grant',
  'coins.deduct',
  'payments.refund',
] as const

export interface AuditLogEntry {
  id: number | string
  actor: { type: string; id: number | string | null; name: string | null }
  action: string
  target: { type: string; id: string } | null
  before: unknown
  after: unknown
  ip: string | null
  requestId: string | null
  createdAt: string
}

export interface AuditFilters {
  action?: string
  actorType?: ActorType | ''
  actorId?: string
  targetType?: string
  targetId?: string
  /** Local calendar days, inclusive, as `YYYY-MM-DD`. */
  fromDate?: string
  toDate?: string
}

function parseDay(day: string | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '')
  if (!match) return null
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * Filters → query string. The date range is made of whole local days: `from` is the start of the
 * first day and `to` the start of the day after the last one, because the server's `to` is exclusive.
 */
export function auditQuery(filters: AuditFilters, page: PageRequest = {}) {
  const from = parseDay(filters.fromDate)
  const lastDay = parseDay(filters.toDate)
  const to = lastDay ? new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() + 1) : null
  return compactQuery({
    action: filters.action,
    actorType: filters.actorType,
    actorId: filters.actorId,
    targetType: filters.targetType,
    targetId: filters.targetId,
    from: from?.toISOString(),
    to: to?.toISOString(),
    limit: page.limit,
    cursor: page.cursor,
  })
}

export function listAuditLogs(filters: AuditFilters, page: PageRequest = {}): Promise<CursorPage<AuditLogEntry>> {
  return http.get<CursorPage<AuditLogEntry>>('/admin/v1/audit-logs', { query: auditQuery(filters, page) })
}
