import { DateTime } from 'luxon'
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import env from '#start/env'
import config from '@adonisjs/core/services/config'
import queue from '#core/services/queue'
import { dbTime } from '#core/database/time'
import type { JobDefinition } from '#core/queue/types'
import EpisodeMedia from '#modules/media/models/episode_media'
import { TranscodeService } from '#modules/media/services/transcode_service'
import { IntroOutroService } from '#modules/media/services/intro_outro_service'
import { UploadService } from '#modules/media/services/upload_service'
import {
  CLEANUP_UPLOADS_JOB,
  DETECT_INTRO_OUTRO_JOB,
  REQUEUE_STALLED_JOB,
  TRANSCODE_JOB,
} from '#modules/media/services/job_names'

interface TranscodePayload {
  episodeId: number
  revision: number
}

export const transcodeEpisode: JobDefinition<TranscodePayload> = {
  name: TRANSCODE_JOB,
  retries: 2,
  backoffMs: 10_000,
  timeoutMs: env.get('TRANSCODE_TIMEOUT_MINUTES', 60) * 60_000,
  // Encoding already uses every core; one at a time per worker process.
  concurrency: 1,
  async handle(payload, { attempt, signal, logger }) {
    return new TranscodeService().run({ ...payload, attempt, signal, logger })
  },
  async onFailure(payload, error) {
    await new TranscodeService().fail(payload.episodeId, payload.revision, error.message)
  },
}

export const detectIntroOutro: JobDefinition<{ dramaId: number }> = {
  name: DETECT_INTRO_OUTRO_JOB,
  retries: 1,
  timeoutMs: 5 * 60_000,
  async handle({ dramaId }, { logger }) {
    const result = await new IntroOutroService().detect(dramaId)
    logger.info({ dramaId, compared: result.compared }, 'intro/outro proposals updated')
    return { compared: result.compared }
  },
}

/**
 * Work folders of this host older than a day: left by a worker that died mid-job (its retry ran
 * in a folder of its own, and its orphaned ffmpeg has long finished).
 */
async function removeStaleWorkFolders(workDir: string, maxAgeMs = 24 * 60 * 60 * 1000) {
  let removed = 0
  for (const area of ['transcode', 'uploads']) {
    const dir = join(workDir, area)
    const names = await readdir(dir).catch(() => [] as string[])
    for (const name of names) {
      const info = await stat(join(dir, name)).catch(() => null)
      if (info && Date.now() - info.mtimeMs > maxAgeMs) {
        await rm(join(dir, name), { recursive: true, force: true })
        removed++
      }
    }
  }
  return removed
}

export const cleanupUploads: JobDefinition = {
  name: CLEANUP_UPLOADS_JOB,
  retries: 1,
  timeoutMs: 10 * 60_000,
  async handle(_payload, { logger }) {
    const expired = await new UploadService().expireAbandoned()
    const folders = await removeStaleWorkFolders(config.get<{ workDir: string }>('media').workDir)
    if (expired || folders)
      logger.info({ expired, folders }, 'abandoned uploads and work folders removed')
    return { expired, folders }
  },
}

/**
 * Safety net for transcodes whose job vanished (an inline-queue process restarted, a Redis
 * flush): media queued or processing without any progress for 15 minutes is dispatched again.
 * A running transcode writes progress every second, so it is never picked.
 */
export const requeueStalled: JobDefinition = {
  name: REQUEUE_STALLED_JOB,
  retries: 0,
  timeoutMs: 60_000,
  async handle(_payload, { logger }) {
    const stale = await EpisodeMedia.query()
      .whereIn('state', ['queued', 'processing'])
      .where('updated_at', '<', dbTime(DateTime.utc().minus({ minutes: 15 })))
      .limit(50)
    for (const media of stale) {
      media.state = 'queued'
      await media.save()
      await queue.dispatch(TRANSCODE_JOB, { episodeId: media.episodeId, revision: media.revision })
    }
    if (stale.length)
      logger.warn({ episodes: stale.map((m) => m.episodeId) }, 'stalled transcodes requeued')
    return { requeued: stale.length }
  },
}
