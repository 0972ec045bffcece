import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { join, extname } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import encryption from '@adonisjs/core/services/encryption'
import type { Logger } from '@adonisjs/core/logger'
import storage from '#core/services/storage'
import queue from '#core/services/queue'
import { cache } from '#core/cache/cache'
import { probeFile } from '#core/media/ffmpeg'
import { dbTime } from '#core/database/time'
import EpisodeMedia from '#modules/media/models/episode_media'
import DramaWatermark from '#modules/media/models/drama_watermark'
import { EpisodeMediaLifecycle } from '#modules/catalog/services/episode_media_lifecycle'
import { announceMedia, broadcastProcessing } from '#modules/media/services/processing_events'
import { produceHls } from '#modules/media/services/transcode_pipeline'
import type { WatermarkSpec } from '#modules/media/services/ladder'
import { DETECT_INTRO_OUTRO_JOB } from '#modules/media/services/job_names'
import { mediaKeys } from '#modules/media/services/media_keys'

interface TranscodeConfig {
  workDir: string
  transcode: { preset: string; fontFile?: string }
}

const DEFAULT_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
]

export interface TranscodeRun {
  episodeId: number
  revision: number
  attempt: number
  signal?: AbortSignal
  logger?: Logger
}

export const outputPrefix = (dramaId: number, episodeId: number, revision: number) =>
  `dramas/${dramaId}/episodes/${episodeId}/hls/r${revision}/`

/**
 * The transcode job: download the source, produce the ladder, store it, then switch the episode
 * over to it in one update. Each attempt starts clean (a crashed attempt's outputs are deleted);
 * an attempt for a superseded revision (a newer upload arrived) stops without touching anything.
 */
export class TranscodeService {
  constructor(private lifecycle = new EpisodeMediaLifecycle()) {}

  get #config() {
    return config.get<TranscodeConfig>('media')
  }

  async run({ episodeId, revision, attempt, signal, logger }: TranscodeRun) {
    const media = await EpisodeMedia.find(episodeId)
    if (!media || media.revision !== revision) return { skipped: 'superseded' as const }
    if (media.state === 'ready' && media.liveRevision === revision)
      return { skipped: 'done' as const }

    const prefix = outputPrefix(media.dramaId, episodeId, revision)
    // One folder per attempt: an ffmpeg orphaned by a crashed worker cannot write into a retry's files.
    const workDir = join(
      this.#config.workDir,
      'transcode',
      `${episodeId}-r${revision}-${randomUUID().slice(0, 8)}`
    )
    await rm(workDir, { recursive: true, force: true })
    await mkdir(workDir, { recursive: true })
    await storage.deletePrefix(prefix)
    media.merge({
      state: 'processing',
      progress: 0,
      attempts: attempt,
      error: null,
      startedAt: DateTime.utc(),
    })
    await media.save()
    await announceMedia(media, this.lifecycle)

    try {
      const source = join(workDir, `source${extname(media.sourceKey) || '.mp4'}`)
      await pipeline(await storage.getStream(media.sourceKey), createWriteStream(source))
      const probe = media.probe ?? (await probeFile(source))
      const watermark = await this.#watermark(media.dramaId, workDir)
      let lastSaved = 0
      const produced = await produceHls({
        source,
        probe,
        workDir,
        preset: this.#config.transcode.preset,
        watermark,
        signal,
        onProgress: (percent) => {
          // Progress is written at most once a second; it also shows the job is alive.
          const now = Date.now()
          if (now - lastSaved < 1000) return
          lastSaved = now
          void db
            .from('episode_media')
            .where('episode_id', episodeId)
            .where('revision', revision)
            .update({ progress: percent, updated_at: dbTime() })
            .then(() =>
              broadcastProcessing({
                episodeId,
                dramaId: media.dramaId,
                state: 'processing',
                progress: percent,
                episodeState: null,
                error: null,
              })
            )
            .catch((error) => logger?.warn({ err: error }, 'could not save transcoding progress'))
        },
      })
      if (signal?.aborted) throw signal.reason

      await Promise.all(
        chunked(produced.files, 4).map(async (group) => {
          for (const file of group) {
            await storage.putFile(`${prefix}${file}`, join(produced.outDir, file), {
              contentType: contentTypeFor(file),
            })
          }
        })
      )

      const switched = await db.transaction(async (trx) => {
        const current = await EpisodeMedia.query({ client: trx })
          .where('episode_id', episodeId)
          .forUpdate()
          .first()
        if (!current || current.revision !== revision) return null
        const previousPrefix = current.outputPrefix
        current.useTransaction(trx)
        current.merge({
          state: 'ready',
          progress: 100,
          error: null,
          liveRevision: revision,
          outputPrefix: prefix,
          ladder: produced.rungs,
          keyCipher: encryption.encrypt(produced.key.toString('hex')),
          keyIv: produced.iv,
          hasAudio: probe.hasAudio,
          durationMs: Math.round(probe.durationSec * 1000),
          posterKey: `${prefix}${produced.poster}`,
          spriteKey: produced.sprites.length ? `${prefix}${produced.sprites[0]}` : null,
          thumbnailsKey: `${prefix}${produced.thumbnails}`,
          fingerprintKey: produced.fingerprint ? `${prefix}${produced.fingerprint}` : null,
          finishedAt: DateTime.utc(),
        })
        await current.save()
        return { previousPrefix, media: current }
      })
      if (!switched) {
        await storage.deletePrefix(prefix)
        return { skipped: 'superseded' as const }
      }
      await cache.forget(mediaKeys.playable(episodeId))
      if (switched.previousPrefix && switched.previousPrefix !== prefix) {
        await storage.deletePrefix(switched.previousPrefix)
      }
      const episodeState = await this.lifecycle.finishProcessing(
        episodeId,
        Math.max(1, Math.round(probe.durationSec))
      )
      broadcastProcessing({
        episodeId,
        dramaId: media.dramaId,
        state: 'ready',
        progress: 100,
        episodeState,
        error: null,
      })
      if (produced.fingerprint) {
        await queue.dispatch(DETECT_INTRO_OUTRO_JOB, { dramaId: media.dramaId }, { delayMs: 2000 })
      }
      return { ready: true, renditions: produced.rungs.map((r) => r.label), episodeState }
    } finally {
      await rm(workDir, { recursive: true, force: true })
    }
  }

  /** After the last attempt failed: the episode is `failed` with the reason, partial outputs gone. */
  async fail(episodeId: number, revision: number, reason: string) {
    const media = await EpisodeMedia.find(episodeId)
    if (!media || media.revision !== revision) return
    await storage.deletePrefix(outputPrefix(media.dramaId, episodeId, revision))
    media.merge({ state: 'failed', error: reason.slice(0, 1000), finishedAt: DateTime.utc() })
    await media.save()
    await this.lifecycle.failProcessing(episodeId, reason)
    await announceMedia(media, this.lifecycle)
  }

  async #watermark(dramaId: number, workDir: string): Promise<WatermarkSpec | undefined> {
    const mark = await DramaWatermark.find(dramaId)
    if (!mark || mark.kind === 'none') return undefined
    const opacity = Math.min(1, Math.max(0.1, mark.opacityPct / 100))
    if (mark.kind === 'text' && mark.text) {
      const fontFile = this.#config.transcode.fontFile ?? DEFAULT_FONTS.find((f) => existsSync(f))
      return { kind: 'text', text: mark.text, position: mark.position, opacity, fontFile }
    }
    if (mark.kind === 'image' && mark.imageKey) {
      const imagePath = join(workDir, `watermark${extname(mark.imageKey)}`)
      await pipeline(await storage.getStream(mark.imageKey), createWriteStream(imagePath))
      return { kind: 'image', imagePath, position: mark.position, opacity }
    }
    return undefined
  }
}

function chunked<T>(items: T[], groups: number): T[][] {
  const out: T[][] = Array.from({ length: groups }, () => [])
  items.forEach((item, i) => out[i % groups]!.push(item))
  return out.filter((g) => g.length)
}

export function contentTypeFor(file: string) {
  if (file.endsWith('.m3u8')) return 'application/vnd.apple.mpegurl'
  if (file.endsWith('.ts')) return 'video/mp2t'
  if (file.endsWith('.jpg')) return 'image/jpeg'
  if (file.endsWith('.vtt')) return 'text/vtt'
  return 'application/octet-stream'
}
