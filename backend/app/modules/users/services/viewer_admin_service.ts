import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/users/models/user'
import UserDevice from '#modules/users/models/user_device'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'

export interface ViewerSearch {
  q?: string
  status?: 'active' | 'banned'
  platform?: string
  limit: number
  cursor?: number
}

function snapshot(user: User) {
  return { status: user.status, bannedReason: user.bannedReason }
}

/** What staff with users.manage do to viewers: find, inspect, ban, unban. Audited. */
export class ViewerAdminService {
  async search(search: ViewerSearch) {
    const query = User.query()
      .whereNot('status', 'merged')
      .orderBy('id', 'desc')
      .limit(search.limit + 1)
    if (search.status) query.where('status', search.status)
    if (search.platform) query.where('signup_platform', search.platform)
    if (search.cursor) query.where('id', '<', search.cursor)
    const q = search.q?.trim()
    if (q) {
      const digits = q.replace(/\D/g, '')
      query.where((w) => {
        w.where('nickname', 'like', `%${q}%`)
        if (digits.length >= 4) w.orWhere('phone', 'like', `%${digits}%`)
        if (/^\d+$/.test(q) && q.length <= 15) w.orWhere('id', Number(q))
      })
    }
    const rows = await query
    const page = rows.slice(0, search.limit)
    return { users: page, nextCursor: rows.length > search.limit ? String(page.at(-1)!.id) : null }
  }

  async detail(id: number) {
    const user = await User.query().where('id', id).whereNot('status', 'merged').first()
    if (!user) throw AppError.notFound('No such user')
    const devices = await UserDevice.query().where('user_id', id).orderBy('last_seen_at', 'desc')
    const merges = await db.from('account_merges').where('target_user_id', id).orderBy('id', 'desc')
    return { user, devices, merges }
  }

  async ban(id: number, reason: string, actor: AuditActor, ip: string | null) {
    return db.transaction(async (trx) => {
      const user = await User.query({ client: trx })
        .where('id', id)
        .whereNot('status', 'merged')
        .forUpdate()
        .first()
      if (!user) throw AppError.notFound('No such user')
      const before = snapshot(user)
      user.merge({ status: 'banned', bannedReason: reason, bannedAt: DateTime.utc() })
      await user.save()
      await User.accessTokens.revokeAll(id, trx)
      await recordAudit(
        {
          actor,
          action: 'users.ban',
          target: { type: 'user', id },
          before,
          after: snapshot(user),
          ip,
        },
        trx
      )
      return user
    })
  }

  async unban(id: number, actor: AuditActor, ip: string | null) {
    return db.transaction(async (trx) => {
      const user = await User.query({ client: trx })
        .where('id', id)
        .whereNot('status', 'merged')
        .forUpdate()
        .first()
      if (!user) throw AppError.notFound('No such user')
      const before = snapshot(user)
      user.merge({ status: 'active', bannedReason: null, bannedAt: null })
      await user.save()
      await recordAudit(
        {
          actor,
          action: 'users.unban',
          target: { type: 'user', id },
          before,
          after: snapshot(user),
          ip,
        },
        trx
      )
      return user
    })
  }
}
