import db from '@adonisjs/lucid/services/db'
import AdminUser from '#modules/users/models/admin_user'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'
import type { AdminRole } from '#modules/users/services/permissions'
import { isUniqueViolation } from '#core/database/errors'

export interface NewAdmin {
  email: string
  name: string
  roles: AdminRole[]
  password: string
}

export interface AdminChanges {
  name?: string
  roles?: AdminRole[]
  status?: 'active' | 'disabled'
  password?: string
}

function snapshot(admin: AdminUser) {
  return { email: admin.email, name: admin.name, roles: admin.roles, status: admin.status }
}

/** Staff accounts (admins.manage). Passwords are hashed by the model; audit entries never hold them. */
export class AdminAccountsService {
  list() {
    return AdminUser.query().orderBy('id', 'asc')
  }

  async create(input: NewAdmin, actor: AuditActor, ip: string | null) {
    const email = input.email.toLowerCase()
    try {
      return await db.transaction(async (trx) => {
        const admin = await AdminUser.create({ ...input, email, status: 'active' }, { client: trx })
        await recordAudit(
          {
            actor,
            action: 'admins.create',
            target: { type: 'admin', id: admin.id },
            after: snapshot(admin),
            ip,
          },
          trx
        )
        return admin
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.conflict('EMAIL_TAKEN', 'An admin with this email already exists')
      throw error
    }
  }

  async update(
    id: number,
    changes: AdminChanges,
    actor: AuditActor & { id: number },
    ip: string | null
  ) {
    if (id === actor.id) {
      if (changes.status === 'disabled' || (changes.roles && !changes.roles.includes('admin'))) {
        throw AppError.conflict(
          'CANNOT_LOCK_OUT_SELF',
          'You cannot disable yourself or remove your own admin role'
        )
      }
    }
    return db.transaction(async (trx) => {
      const admin = await AdminUser.query({ client: trx }).where('id', id).forUpdate().first()
      if (!admin) throw AppError.notFound('No such admin')
      const before = snapshot(admin)
      if (changes.name !== undefined) admin.name = changes.name
      if (changes.roles !== undefined) admin.roles = changes.roles
      if (changes.status !== undefined) admin.status = changes.status
      if (changes.password !== undefined) admin.password = changes.password
      await admin.save()
      if (changes.status === 'disabled' || changes.password !== undefined) {
        await AdminUser.accessTokens.revokeAll(id, trx)
      }
      await recordAudit(
        {
          actor,
          action: 'admins.update',
          target: { type: 'admin', id },
          before,
          after: {
            ...snapshot(admin),
            ...(changes.password !== undefined ? { passwordChanged: true } : {}),
          },
          ip,
        },
        trx
      )
      return admin
    })
  }
}
