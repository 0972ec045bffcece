import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#core/database/json_column'

export interface OrderSnapshot {
  packageName: string
  coins: number
  bonusCoins: number
  bonusExpiresDays: number
}

export type OrderState = 'pending' | 'paid' | 'closed' | 'refunded'

export default class Order extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare orderNo: string
  @column() declare userId: number
  @column() declare kind: 'recharge' | 'membership' | 'series'
  @column() declare itemId: string
  @column(
    jsonColumn<OrderSnapshot>({ packageName: '', coins: 0, bonusCoins: 0, bonusExpiresDays: 30 })
  )
  declare snapshot: OrderSnapshot
  @column() declare amountFen: number
  @column() declare provider: string
  @column() declare platform: 'app-android' | 'app-ios' | 'h5' | 'mp-weixin'
  @column() declare state: OrderState
  @column() declare providerTxnId: string | null
  @column() declare clientToken: string
  @column() declare creditTransferId: number | null
  @column() declare ip: string | null
  @column.dateTime() declare expiresAt: DateTime
  @column.dateTime() declare paidAt: DateTime | null
  @column.dateTime() declare closedAt: DateTime | null
  @column.dateTime() declare refundedAt: DateTime | null
  @column() declare refundReason: string | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
