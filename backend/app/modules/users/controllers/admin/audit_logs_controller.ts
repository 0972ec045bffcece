import type { HttpContext } from '@adonisjs/core/http'
import { auditSearchValidator } from '#modules/users/validators/auth'
import { searchAudit } from '#core/audit/audit'
import { pageLimit } from '#core/http/request_helpers'

export default class AuditLogsController {
  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(auditSearchValidator, { data: request.qs() })
    return searchAudit({ ...filters, limit: pageLimit(filters.limit) })
  }
}
