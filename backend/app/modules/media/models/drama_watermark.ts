import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { WatermarkPosition } from '#modules/media/services/ladder'

export default class DramaWatermark extends BaseModel {
  static override table = 'drama_watermarks'
  @column({ isPrimary: true }) declare dramaId: number
  @column() declare kind: 'none' | 'text' | 'image'
  @column() declare text: string | null
  @column() declare imageKey: string | null
  @column() declare position: WatermarkPosition
  @column() declare opacityPct: number
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
