import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { CachedAccessTokensProvider, forgetCachedAccount } from '#core/auth/cached_token_providers'
import { jsonColumn } from '#core/database/json_column'
import UserDevice from '#modules/users/models/user_device'
import type { Platform } from '#modules/users/platforms'

export interface UserSettings {
  autoUnlock: boolean
  danmuEnabled: boolean
  playbackSpeed: number
  preferredQuality: 'auto' | '480p' | '720p' | '1080p'
}

export const DEFAULT_SETTINGS: UserSettings = {
  autoUnlock: false,
  danmuEnabled: true,
  playbackSpeed: 1,
  preferredQuality: 'auto',
}

export default class User extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare nickname: string
  @column() declare avatarUrl: string | null
  // SQLite hands booleans back as 0/1.
  @column({ consume: (value: unknown) => Boolean(value) }) declare isGuest: boolean
  @column() declare status: 'active' | 'banned' | 'merged'
  @column() declare phone: string | null
  @column() declare wechatOpenid: string | null
  @column() declare wechatUnionid: string | null
  @column({ serializeAs: null }) declare wechatSessionKey: string | null
  @column() declare bannedReason: string | null
  @column.dateTime() declare bannedAt: DateTime | null
  @column() declare mergedIntoId: number | null
  @column(jsonColumn<Partial<UserSettings>>({})) declare settings: Partial<UserSettings>
  @column() declare signupPlatform: Platform
  @column.dateTime() declare lastSeenAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime

  @hasMany(() => UserDevice) declare devices: HasMany<typeof UserDevice>

  get effectiveSettings(): UserSettings {
    return { ...DEFAULT_SETTINGS, ...this.settings }
  }

  static accessTokens = CachedAccessTokensProvider.forModel(User, {
    table: 'user_access_tokens',
    prefix: 'dju_',
    expiresIn: '90 days',
  })

  /** The guard caches account rows (core/auth); a saved or deleted account drops its copy. */
  @afterSave()
  @afterDelete()
  static forgetCached(account: User) {
    forgetCachedAccount(User, account.id, account.$trx)
  }
}
