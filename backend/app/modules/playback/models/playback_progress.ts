import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class PlaybackProgress extends BaseModel {
  static override table = 'playback_progress'
  @column({ isPrimary: true }) declare userId: number
  @column({ isPrimary: true }) declare episodeId: number
  @column() declare dramaId: number
  @column() declare positionSec: number
  @column() declare durationSec: number
  @column({ consume: (v: unknown) => Boolean(v) }) declare completed: boolean
  @column() declare views: number
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
