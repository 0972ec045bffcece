import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Drama from '#modules/catalog/models/drama'

export const EPISODE_STATES = [
  'draft',
  'processing',
  'reviewing',
  'ready',
  'published',
  'failed',
  'rejected',
] as const
export type EpisodeState = (typeof EPISODE_STATES)[number]

export default class Episode extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare dramaId: number
  @column() declare number: number
  @column() declare title: string | null
  @column() declare durationSec: number
  @column({ consume: (v: unknown) => (v === null || v === undefined ? null : Boolean(v)) })
  declare isFree: boolean | null
  @column() declare priceCoins: number | null
  @column() declare introEndSec: number | null
  @column() declare outroStartSec: number | null
  @column() declare state: EpisodeState
  @column() declare failureReason: string | null
  @column.dateTime() declare releaseAt: DateTime | null
  @column.dateTime() declare publishedAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime

  @belongsTo(() => Drama) declare drama: BelongsTo<typeof Drama>
}
