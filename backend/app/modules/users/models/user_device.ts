import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { Platform } from '#modules/users/platforms'

export default class UserDevice extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare userId: number
  @column() declare platform: Platform
  @column() declare deviceId: string
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime() declare lastSeenAt: DateTime
}
