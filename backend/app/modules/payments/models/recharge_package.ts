import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#core/database/json_column'

export default class RechargePackage extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare name: string
  @column() declare priceFen: number
  @column() declare coins: number
  @column() declare bonusCoins: number
  @column() declare bonusExpiresDays: number
  @column() declare firstRechargeBonus: number
  @column(jsonColumn<string[]>([])) declare platforms: string[]
  @column() declare badge: string | null
  @column() declare appleProductId: string | null
  @column() declare sort: number
  @column({ consume: (v: unknown) => Boolean(v) }) declare isActive: boolean
  @column.dateTime() declare startsAt: DateTime | null
  @column.dateTime() declare endsAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
