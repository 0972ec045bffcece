import type { HttpContext } from '@adonisjs/core/http'
import type { AuditActor } from '#core/audit/audit'
import { AppError } from '#core/exceptions/app_error'

/** The staff member making this admin request, as the audit log records them. */
export function adminActor(ctx: HttpContext): AuditActor & { id: number } {
  const admin = ctx.auth.use('admin').getUserOrFail() as unknown as { id: number; email: string }
  return { type: 'admin', id: admin.id, name: admin.email }
}

/** `?limit=` default 20, max 100 (validated before this). */
export function pageLimit(limit?: number) {
  return Math.min(limit ?? 20, 100)
}

/** A `:id` route parameter as a positive integer; anything else is the resource's 404. */
export function routeId(value: unknown, what: string) {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) throw AppError.notFound(`No such ${what}`)
  return id
}
