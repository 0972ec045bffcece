import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#core/database/json_column'

export const UPLOAD_PURPOSES = ['episode', 'cover', 'watermark'] as const
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number]
export type UploadState =
  'uploading' | 'assembling' | 'completed' | 'failed' | 'cancelled' | 'expired'

export interface UploadResult {
  target:
    { type: 'episode'; id: number; dramaId: number; number: number } | { type: 'drama'; id: number }
  probe?: { durationSec: number; width: number; height: number; hasAudio: boolean }
}

export default class MediaUpload extends BaseModel {
  static override table = 'media_uploads'
  static override selfAssignPrimaryKey = true
  @column({ isPrimary: true }) declare id: string
  @column() declare adminUserId: number
  @column() declare purpose: UploadPurpose
  @column() declare dramaId: number
  @column() declare episodeId: number | null
  @column() declare episodeNumber: number | null
  @column() declare filename: string
  @column() declare contentType: string
  @column({ consume: (v: unknown) => Number(v) }) declare sizeBytes: number
  @column({ columnName: 'sha256' }) declare sha256: string | null
  @column() declare fingerprint: string
  @column() declare chunkSize: number
  @column() declare totalChunks: number
  @column() declare state: UploadState
  @column() declare error: string | null
  @column(jsonColumn<UploadResult | null>(null)) declare result: UploadResult | null
  @column.dateTime() declare expiresAt: DateTime
  @column.dateTime() declare completedAt: DateTime | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
