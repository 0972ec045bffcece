import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#core/database/json_column'
import type { Rung } from '#modules/media/services/ladder'
import type { ProbeResult } from '#core/media/ffmpeg'

export type MediaState = 'queued' | 'processing' | 'ready' | 'failed'

export default class EpisodeMedia extends BaseModel {
  static override table = 'episode_media'
  @column({ isPrimary: true }) declare episodeId: number
  @column() declare dramaId: number
  @column() declare sourceKey: string
  @column() declare sourceName: string | null
  @column({ consume: (v: unknown) => Number(v) }) declare sourceBytes: number
  @column(jsonColumn<ProbeResult | null>(null)) declare probe: ProbeResult | null
  @column() declare state: MediaState
  @column() declare progress: number
  @column() declare attempts: number
  @column() declare error: string | null
  @column() declare revision: number
  @column() declare liveRevision: number
  @column() declare outputPrefix: string | null
  @column(jsonColumn<Rung[]>([])) declare ladder: Rung[]
  @column({ serializeAs: null }) declare keyCipher: string | null
  @column({ serializeAs: null }) declare keyIv: string | null
  @column({ consume: (v: unknown) => Boolean(v) }) declare hasAudio: boolean
  @column() declare durationMs: number
  @column() declare posterKey: string | null
  @column() declare spriteKey: string | null
  @column() declare thumbnailsKey: string | null
  @column() declare fingerprintKey: string | null
  @column() declare proposedIntroEndSec: number | null
  @column() declare proposedOutroStartSec: number | null
  @column.dateTime() declare startedAt: DateTime | null
  @column.dateTime() declare finishedAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
