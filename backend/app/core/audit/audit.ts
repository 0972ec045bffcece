import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { logContext } from '#core/logging/log_context'
import { dbTime, fromDb } from '#core/database/time'

export interface AuditActor {
  type: 'admin' | 'user' | 'system'
  id?: number | null
  name?: string | null
}

export interface AuditEntry {
  actor: AuditActor
  /** `<module>.<verb>` e.g. `users.ban`, `admins.update`, `coins.grant`. */
  action: string
  target?: { type: string; id: string | number }
  before?: unknown
  after?: unknown
  ip?: string | null
}

/**
 * The one way to write the audit log. Pass the transaction that made the change so the entry
 * commits (or rolls back) with it.
 */
export async function recordAudit(entry: AuditEntry, trx?: TransactionClientContract) {
  const client = trx ?? db
  await client.table('audit_logs').insert({
    actor_type: entry.actor.type,
    actor_id: entry.actor.id ?? null,
    actor_name: entry.actor.name ?? null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target ? String(entry.target.id) : null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.ip ?? null,
    request_id: logContext.current().request_id ?? null,
    created_at: dbTime(DateTime.utc()),
  })
}

export interface AuditSearch {
  action?: string
  actorType?: string
  actorId?: number
  targetType?: string
  targetId?: string
  from?: Date
  to?: Date
  limit: number
  /** The id of the last entry of the previous page. */
  cursor?: number
}

export interface AuditRow {
  id: number
  actor: AuditActor
  action: string
  target: { type: string; id: string } | null
  before: unknown
  after: unknown
  ip: string | null
  requestId: string | null
  createdAt: string
}

function parse(value: string | null) {
  if (value === null) return null
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** Newest first, keyset-paginated by id. */
export async function searchAudit(
  search: AuditSearch
): Promise<{ data: AuditRow[]; nextCursor: string | null }> {
  const query = db
    .from('audit_logs')
    .orderBy('id', 'desc')
    .limit(search.limit + 1)
  if (search.action) query.where('action', search.action)
  if (search.actorType) query.where('actor_type', search.actorType)
  if (search.actorId !== undefined) query.where('actor_id', search.actorId)
  if (search.targetType) query.where('target_type', search.targetType)
  if (search.targetId) query.where('target_id', search.targetId)
  if (search.from) query.where('created_at', '>=', dbTime(search.from))
  if (search.to) query.where('created_at', '<', dbTime(search.to))
  if (search.cursor) query.where('id', '<', search.cursor)
  const rows = await query
  const page = rows.slice(0, search.limit)
  return {
    data: page.map((row) => ({
      id: Number(row.id),
      actor: {
        type: row.actor_type,
        id: row.actor_id === null ? null : Number(row.actor_id),
        name: row.actor_name,
      },
      action: row.action,
      target: row.target_type ? { type: row.target_type, id: row.target_id } : null,
      before: parse(row.before),
      after: parse(row.after),
      ip: row.ip,
      requestId: row.request_id,
      createdAt: fromDb(row.created_at).toUTC().toISO()!,
    })),
    nextCursor: rows.length > search.limit ? String(page.at(-1)!.id) : null,
  }
}
