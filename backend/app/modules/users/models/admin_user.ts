import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, afterDelete, afterSave, column } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { CachedAccessTokensProvider, forgetCachedAccount } from '#core/auth/cached_token_providers'
import { jsonColumn } from '#core/database/json_column'
import {
  permissionsFor,
  type AdminRole,
  type Permission,
} from '#modules/users/services/permissions'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class AdminUser extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true }) declare id: number
  @column() declare email: string
  @column() declare name: string
  @column({ serializeAs: null }) declare password: string
  @column(jsonColumn<AdminRole[]>([])) declare roles: AdminRole[]
  @column() declare status: 'active' | 'disabled'
  @column.dateTime() declare lastLoginAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime

  get permissions(): Permission[] {
    return permissionsFor(this.roles)
  }

  can(permission: Permission) {
    return this.permissions.includes(permission)
  }

  static accessTokens = CachedAccessTokensProvider.forModel(AdminUser, {
    table: 'admin_access_tokens',
    prefix: 'dja_',
    expiresIn: '12 hours',
  })

  /** The guard caches account rows (core/auth); a saved or deleted account drops its copy. */
  @afterSave()
  @afterDelete()
  static forgetCached(account: AdminUser) {
    forgetCachedAccount(AdminUser, account.id, account.$trx)
  }
}
