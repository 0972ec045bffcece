import type { HttpContext } from '@adonisjs/core/http'
import type { AuditActor } from '#core/audit/audit'

/** The staff member making this admin request, as the audit log records them. */
export function adminActor(ctx: HttpContext): AuditActor & { id: number } {
  const admin = ctx.auth.use('admin').getUserOrFail() as unknown as { id: number; email: string }
  return { type: 'admin', id: admin.id, name: admin.email }
}

/** `?limit=` default 20, max 100 (validated before this). */
export function pageLimit(limit?: number) {
  return Math.min(limit ?? 20, 100)
}
