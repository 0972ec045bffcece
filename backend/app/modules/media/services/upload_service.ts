import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { once } from 'node:events'
import type { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import storage from '#core/services/storage'
import queue from '#core/services/queue'
import { AppError } from '#core/exceptions/app_error'
import { dbTime } from '#core/database/time'
import type { AuditActor } from '#core/audit/audit'
import { recordAudit } from '#core/audit/audit'
import { sniffImage } from '#core/images'
import { ProbeError, probeFile, verifyDecodable } from '#core/media/ffmpeg'
import MediaUpload, {
  type UploadPurpose,
  type UploadResult,
} from '#modules/media/models/media_upload'
import EpisodeMedia from '#modules/media/models/episode_media'
import DramaWatermark from '#modules/media/models/drama_watermark'
import { EpisodeMediaLifecycle } from '#modules/catalog/services/episode_media_lifecycle'
import { DramaAdminService } from '#modules/catalog/services/drama_admin_service'
import { announceMedia } from '#modules/media/services/processing_events'
import { TRANSCODE_JOB } from '#modules/media/services/job_names'

type MediaConfig = {
  uploads: { chunkBytes: number; maxVideoBytes: number; maxImageBytes: number; ttlHours: number }
  workDir: string
}

export interface InitUploadInput {
  filename: string
  sizeBytes: number
  contentType: string
  sha256?: string | null
  purpose: UploadPurpose
  dramaId: number
  episodeId?: number | null
  episodeNumber?: number | null
}

export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi', '.ts', '.flv']
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

export const chunkKey = (uploadId: string, index: number) =>
  `uploads/${uploadId}/chunks/${String(index).padStart(6, '0')}`

function mediaInvalid(reason: string, message: string) {
  return new AppError(422, 'MEDIA_INVALID', message, { reason })
}

/** Reads at most `limit` bytes of a request body; one byte more means it was too long. */
async function readBody(body: Readable, limit: number) {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of body as AsyncIterable<Buffer>) {
    size += part.length
    if (size > limit) {
      body.destroy()
      return { bytes: null, size }
    }
    parts.push(part)
  }
  return { bytes: Buffer.concat(parts), size }
}

/**
 * Resumable, chunked uploads by operators (`/admin/v1/uploads`). Chunks are stored under
 * `uploads/<id>/chunks/` in the configured storage, so any web process can take the next one;
 * `complete` assembles them, checks the file, then attaches it: an episode's video (queued
 * for transcoding), a drama cover or a drama watermark. Nothing of a refused file remains.
 */
export class UploadService {
  constructor(private lifecycle = new EpisodeMediaLifecycle()) {}

  get #config() {
    return config.get<MediaConfig>('media')
  }

  async init(input: InitUploadInput, actor: AuditActor & { id: number }) {
    const cfg = this.#config.uploads
    if (input.sizeBytes === 0) throw mediaInvalid('empty', 'The file is empty')
    const isVideo = input.purpose === 'episode'
    const ext = extname(input.filename).toLowerCase()
    if (isVideo) {
      const videoType =
        input.contentType.startsWith('video/') ||
        (input.contentType === 'application/octet-stream' && VIDEO_EXTENSIONS.includes(ext))
      if (!videoType || (ext && !VIDEO_EXTENSIONS.includes(ext))) {
        throw new AppError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Episodes must be video files (${VIDEO_EXTENSIONS.join(', ')})`,
          { contentType: input.contentType, filename: input.filename }
        )
      }
    } else if (!IMAGE_TYPES.includes(input.contentType)) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Images must be JPEG, PNG or WebP', {
        contentType: input.contentType,
      })
    }
    const max = isVideo ? cfg.maxVideoBytes : cfg.maxImageBytes
    if (input.sizeBytes > max) {
      throw new AppError(
        413,
        'PAYLOAD_TOO_LARGE',
        `The file is larger than ${Math.floor(max / 1024 / 1024)} MB`,
        { maxBytes: max }
      )
    }
    if (!(await this.lifecycle.dramaExists(input.dramaId))) throw AppError.notFound('No such drama')
    let episodeId: number | null = null
    let episodeNumber: number | null = null
    if (isVideo) {
      if (input.episodeId) {
        const episode = await this.lifecycle.find(input.episodeId)
        if (!episode || episode.dramaId !== input.dramaId)
          throw AppError.notFound('No such episode')
        episodeId = episode.id
        episodeNumber = episode.number
      } else if (input.episodeNumber) {
        episodeNumber = input.episodeNumber
      } else {
        throw AppError.invalid(
          'episodeNumber',
          'required',
          'Give the episode (episodeId) or the number it will have (episodeNumber)'
        )
      }
    }

    const sha256 = input.sha256?.toLowerCase() ?? null
    const fingerprint = createHash('sha256')
      .update(
        [
          actor.id,
          input.purpose,
          input.dramaId,
          episodeId ?? '',
          episodeNumber ?? '',
          input.filename,
          input.sizeBytes,
          sha256 ?? '',
        ].join('\n')
      )
      .digest('hex')
    const now = DateTime.utc()
    const existing = await MediaUpload.query()
      .where('fingerprint', fingerprint)
      .where('state', 'uploading')
      .where('expires_at', '>', dbTime(now))
      .orderBy('created_at', 'desc')
      .first()
    if (existing)
      return { upload: existing, created: false, uploaded: await this.#received(existing.id) }

    const upload = await MediaUpload.create({
      id: randomUUID(),
      adminUserId: actor.id,
      purpose: input.purpose,
      dramaId: input.dramaId,
      episodeId,
      episodeNumber,
      filename: input.filename,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      sha256,
      fingerprint,
      chunkSize: cfg.chunkBytes,
      totalChunks: Math.ceil(input.sizeBytes / cfg.chunkBytes),
      state: 'uploading',
      expiresAt: now.plus({ hours: cfg.ttlHours }),
    })
    return { upload, created: true, uploaded: [] as number[] }
  }

  async #received(uploadId: string): Promise<number[]> {
    const rows = await db
      .from('media_upload_chunks')
      .where('upload_id', uploadId)
      .orderBy('index', 'asc')
      .select('index')
    return rows.map((r) => Number(r.index))
  }

  async #find(uploadId: string) {
    const upload = await MediaUpload.find(uploadId)
    if (!upload) throw AppError.notFound('No such upload')
    return upload
  }

  async status(uploadId: string) {
    const upload = await this.#find(uploadId)
    return { upload, uploaded: await this.#received(upload.id) }
  }

  #assertActive(upload: MediaUpload) {
    if (upload.state !== 'uploading' || upload.expiresAt < DateTime.utc()) {
      throw AppError.conflict(
        'UPLOAD_NOT_ACTIVE',
        `This upload is ${upload.state === 'uploading' ? 'expired' : upload.state}`,
        {
          state: upload.state,
        }
      )
    }
  }

  expectedChunkSize(upload: MediaUpload, index: number) {
    return index < upload.totalChunks - 1
      ? upload.chunkSize
      : upload.sizeBytes - upload.chunkSize * (upload.totalChunks - 1)
  }

  async putChunk(uploadId: string, index: number, body: Readable, sha256Header?: string) {
    const upload = await this.#find(uploadId)
    this.#assertActive(upload)
    if (!Number.isInteger(index) || index < 0 || index >= upload.totalChunks) {
      body.resume()
      throw AppError.invalid(
        'index',
        'range',
        `Chunk index must be between 0 and ${upload.totalChunks - 1}`
      )
    }
    if (sha256Header !== undefined && !/^[\da-f]{64}$/i.test(sha256Header)) {
      body.resume()
      throw AppError.invalid('X-Chunk-Sha256', 'sha256', 'X-Chunk-Sha256 must be 64 hex digits')
    }
    const expected = this.expectedChunkSize(upload, index)
    const { bytes, size } = await readBody(body, expected)
    if (!bytes || size !== expected) {
      throw new AppError(
        422,
        'CHUNK_SIZE_MISMATCH',
        `Chunk ${index} must be ${expected} bytes${bytes ? `, got ${size}` : ', got more'}`,
        { index, expectedBytes: expected, ...(bytes ? { receivedBytes: size } : {}) }
      )
    }
    const digest = createHash('sha256').update(bytes).digest('hex')
    if (sha256Header && sha256Header.toLowerCase() !== digest) {
      throw new AppError(
        422,
        'CHUNK_CHECKSUM_MISMATCH',
        `Chunk ${index} does not match its SHA-256`,
        {
          index,
          expected: sha256Header.toLowerCase(),
          received: digest,
        }
      )
    }
    await storage.put(chunkKey(upload.id, index), bytes, {
      contentType: 'application/octet-stream',
    })
    const now = DateTime.utc()
    await db
      .table('media_upload_chunks')
      .insert({ upload_id: upload.id, index, size, sha256: digest, created_at: dbTime(now) })
      .onConflict(['upload_id', 'index'])
      .merge(['size', 'sha256', 'created_at'])
    await db
      .from('media_uploads')
      .where('id', upload.id)
      .update({
        updated_at: dbTime(now),
        expires_at: dbTime(now.plus({ hours: this.#config.uploads.ttlHours })),
      })
    return { index, size, uploaded: await this.#received(upload.id) }
  }

  async cancel(uploadId: string, actor: AuditActor) {
    const upload = await this.#find(uploadId)
    if (upload.state === 'completed') {
      throw AppError.conflict('UPLOAD_NOT_ACTIVE', 'A completed upload cannot be cancelled', {
        state: upload.state,
      })
    }
    await this.#discard(upload, 'cancelled', null)
    await recordAudit({
      actor,
      action: 'media.upload_cancel',
      target: { type: 'upload', id: upload.id },
    })
  }

  /** Marks the upload ended and deletes its chunks (and any assembled file). */
  async #discard(
    upload: MediaUpload,
    state: 'failed' | 'cancelled' | 'expired',
    error: string | null
  ) {
    await db
      .from('media_uploads')
      .where('id', upload.id)
      .update({ state, error, updated_at: dbTime() })
    await db.from('media_upload_chunks').where('upload_id', upload.id).delete()
    await storage.deletePrefix(`uploads/${upload.id}/`)
    await rm(join(this.#config.workDir, 'uploads', upload.id), { recursive: true, force: true })
  }

  /**
   * Assembles the chunks, checks the file and attaches it. Completing a completed upload
   * returns its result again; two completes at once cannot both assemble.
   */
  async complete(
    uploadId: string,
    actor: AuditActor & { id: number }
  ): Promise<{ upload: MediaUpload; result: UploadResult }> {
    const claimed = await db.transaction(async (trx) => {
      const upload = await MediaUpload.query({ client: trx })
        .where('id', uploadId)
        .forUpdate()
        .first()
      if (!upload) throw AppError.notFound('No such upload')
      if (upload.state === 'completed' && upload.result) return { upload, done: true }
      this.#assertActive(upload)
      const received = await trx
        .from('media_upload_chunks')
        .where('upload_id', upload.id)
        .select('index')
      const have = new Set(received.map((r) => Number(r.index)))
      const missing: number[] = []
      for (let i = 0; i < upload.totalChunks; i++) if (!have.has(i)) missing.push(i)
      if (missing.length) {
        throw AppError.conflict('UPLOAD_INCOMPLETE', `${missing.length} chunk(s) still missing`, {
          missingChunks: missing.slice(0, 1000),
        })
      }
      upload.useTransaction(trx)
      upload.state = 'assembling'
      await upload.save()
      return { upload, done: false }
    })
    if (claimed.done) return { upload: claimed.upload, result: claimed.upload.result! }
    const upload = claimed.upload

    const dir = join(this.#config.workDir, 'uploads', upload.id)
    const ext =
      extname(upload.filename).toLowerCase() || (upload.purpose === 'episode' ? '.mp4' : '')
    const file = join(dir, `source${ext}`)
    try {
      await this.#assemble(upload, dir, file)
      const result =
        upload.purpose === 'episode'
          ? await this.#attachEpisode(upload, file, ext, actor)
          : await this.#attachImage(upload, file, actor)
      await db.from('media_upload_chunks').where('upload_id', upload.id).delete()
      await storage.deletePrefix(`uploads/${upload.id}/`)
      await rm(dir, { recursive: true, force: true })
      upload.merge({ state: 'completed', result, completedAt: DateTime.utc(), error: null })
      await upload.save()
      return { upload, result }
    } catch (error) {
      if (error instanceof AppError && error.status === 422) {
        await this.#discard(upload, 'failed', error.message)
      } else {
        // Storage or database trouble: the chunks stay and the operator can complete again.
        await db
          .from('media_uploads')
          .where('id', upload.id)
          .update({ state: 'uploading', updated_at: dbTime() })
        await rm(dir, { recursive: true, force: true })
      }
      throw error
    }
  }

  async #assemble(upload: MediaUpload, dir: string, file: string) {
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    const hash = createHash('sha256')
    const out = createWriteStream(file)
    try {
      for (let i = 0; i < upload.totalChunks; i++) {
        const part = await storage.getBuffer(chunkKey(upload.id, i))
        hash.update(part)
        if (!out.write(part)) await once(out, 'drain')
      }
    } finally {
      out.end()
      await once(out, 'close')
    }
    const handle = await open(file, 'r')
    const { size } = await handle.stat()
    await handle.close()
    if (size !== upload.sizeBytes) {
      throw mediaInvalid('truncated', `Assembled ${size} bytes, expected ${upload.sizeBytes}`)
    }
    if (upload.sha256 && hash.digest('hex') !== upload.sha256) {
      throw mediaInvalid('checksum_mismatch', 'The assembled file does not match its SHA-256')
    }
  }

  async #attachEpisode(upload: MediaUpload, file: string, ext: string, actor: AuditActor) {
    let probe
    try {
      probe = await probeFile(file)
      await verifyDecodable(file, probe.durationSec)
    } catch (error) {
      if (error instanceof ProbeError) {
        const reason = error.reason
        throw mediaInvalid(reason, error.message)
      }
      throw error
    }
    const episode = upload.episodeId
      ? await this.lifecycle.find(upload.episodeId)
      : await this.lifecycle.ensure(upload.dramaId, upload.episodeNumber!, actor)
    if (!episode) throw AppError.notFound('The episode was deleted meanwhile')

    const existing = await EpisodeMedia.find(episode.id)
    const revision = (existing?.revision ?? 0) + 1
    const sourceKey = `dramas/${episode.dramaId}/episodes/${episode.id}/source/r${revision}-${randomUUID().slice(0, 8)}${ext}`
    await storage.putFile(sourceKey, file, { contentType: upload.contentType })
    const previousSource = existing?.sourceKey
    const media = existing ?? new EpisodeMedia()
    media.merge({
      episodeId: episode.id,
      dramaId: episode.dramaId,
      sourceKey,
      sourceName: upload.filename,
      sourceBytes: upload.sizeBytes,
      probe,
      state: 'queued',
      progress: 0,
      attempts: 0,
      error: null,
      revision,
      liveRevision: existing?.liveRevision ?? 0,
      hasAudio: existing?.liveRevision ? existing.hasAudio : probe.hasAudio,
      durationMs: existing?.liveRevision
        ? existing.durationMs
        : Math.round(probe.durationSec * 1000),
    })
    await media.save()
    // The previous source is replaced; its outputs stay live until the new ones are ready.
    if (previousSource && previousSource !== sourceKey) await storage.delete(previousSource)
    await this.lifecycle.startProcessing(episode.id)
    await queue.dispatch(TRANSCODE_JOB, { episodeId: episode.id, revision })
    await recordAudit({
      actor,
      action: 'media.episode_upload',
      target: { type: 'episode', id: episode.id },
      after: { uploadId: upload.id, filename: upload.filename, bytes: upload.sizeBytes, revision },
    })
    await announceMedia(media, this.lifecycle)
    return {
      target: {
        type: 'episode' as const,
        id: episode.id,
        dramaId: episode.dramaId,
        number: episode.number,
      },
      probe: {
        durationSec: Math.round(probe.durationSec * 1000) / 1000,
        width: probe.width,
        height: probe.height,
        hasAudio: probe.hasAudio,
      },
    }
  }

  async #attachImage(upload: MediaUpload, file: string, actor: AuditActor) {
    const handle = await open(file, 'r')
    const head = Buffer.alloc(16)
    await handle.read(head, 0, 16, 0)
    await handle.close()
    const image = sniffImage(head)
    if (!image) throw mediaInvalid('not_image', 'The file is not a JPEG, PNG or WebP image')
    if (upload.purpose === 'cover') {
      await new DramaAdminService().setImage(upload.dramaId, 'cover', file, actor)
    } else {
      const key = `dramas/${upload.dramaId}/watermark/${randomUUID()}.${image.ext}`
      await storage.putFile(key, file, { contentType: image.type })
      const mark = await DramaWatermark.find(upload.dramaId)
      const previous = mark?.imageKey
      await DramaWatermark.updateOrCreate(
        { dramaId: upload.dramaId },
        {
          kind: 'image',
          imageKey: key,
          position: mark?.position ?? 'top-right',
          opacityPct: mark?.opacityPct ?? 80,
        }
      )
      if (previous) await storage.delete(previous)
      await recordAudit({
        actor,
        action: 'media.watermark_image',
        target: { type: 'drama', id: upload.dramaId },
        after: { key },
      })
    }
    return { target: { type: 'drama' as const, id: upload.dramaId } }
  }

  /** Scheduled: uploads nobody touched for UPLOAD_TTL_HOURS are expired and their chunks deleted. */
  async expireAbandoned(now = DateTime.utc()) {
    const stale = await MediaUpload.query()
      .whereIn('state', ['uploading', 'assembling'])
      .where('expires_at', '<=', dbTime(now))
      .limit(500)
    for (const upload of stale) await this.#discard(upload, 'expired', 'abandoned')
    return stale.length
  }
}
