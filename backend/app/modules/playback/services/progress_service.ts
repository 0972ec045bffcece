import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { episodeLocked } from '#modules/playback/services/episode_locked'
import { cache } from '#core/cache/cache'
import { dbTime, fromDb } from '#core/database/time'
import { CatalogQueryService } from '#modules/catalog/services/catalog_query_service'
import { recordPlay } from '#modules/catalog/services/play_metrics'

/** Barely started: start from the beginning next time. */
const START_MARGIN_SEC = 2
/** Near the end (5% of the episode, 2 to 10 s): the next play starts over too. */
const endMargin = (durationSec: number) => Math.min(10, Math.max(2, durationSec * 0.05))
/** A heartbeat after this long without one starts a new view. */
const NEW_VIEW_AFTER_MIN = 30

/**
 * Resume positions are read on every play, so each viewer's positions are also kept in one
 * cache hash (`resume:<userId>`, field per episode, `all` once every row was loaded): the first
 * play loads them all in one query, later plays read one field, and every progress report writes
 * its field through. The table stays the record; a lost cache entry is reloaded from it.
 */
const RESUME_TTL_SEC = 7 * 24 * 3600
const RESUME_LOADED = 'all'
/** Viewers with more rows than this are not cached whole (they are read per episode). */
const RESUME_MAX_ROWS = 5000
const resumeKey = (userId: number) => `resume:${userId}`
const packResume = (position: number, duration: number, completed: boolean) =>
  `${position}:${duration}:${completed ? 1 : 0}`

export interface ProgressInput {
  positionSec: number
  durationSec: number
  event: 'heartbeat' | 'ended'
}

/** Where each viewer is in each episode (resume), and plays for the rankings. */
export class ProgressService {
  constructor(private catalog = new CatalogQueryService()) {}

  async resumeAt(userId: number, episodeId: number) {
    const [loaded, cached] = await cache.hashGet(resumeKey(userId), [
      RESUME_LOADED,
      String(episodeId),
    ])
    const packed = loaded === null ? await this.#loadResume(userId, episodeId) : cached
    if (!packed) return 0
    const [position = 0, duration = 0, completed = 0] = packed.split(':').map(Number)
    if (completed) return 0
    if (position < START_MARGIN_SEC || (duration && position > duration - endMargin(duration)))
      return 0
    return position
  }

  /** All of a viewer's positions in one query, into the cache; the asked one is returned. */
  async #loadResume(userId: number, episodeId: number) {
    const rows = await db
      .from('playback_progress')
      .where('user_id', userId)
      .select('episode_id', 'position_sec', 'duration_sec', 'completed')
      .limit(RESUME_MAX_ROWS + 1)
    const values: Record<string, string> = {}
    for (const row of rows) {
      values[String(row.episode_id)] = packResume(
        Number(row.position_sec),
        Number(row.duration_sec),
        Boolean(row.completed)
      )
    }
    if (rows.length > RESUME_MAX_ROWS) {
      const row = await db
        .from('playback_progress')
        .where('user_id', userId)
        .where('episode_id', episodeId)
        .select('position_sec', 'duration_sec', 'completed')
        .first()
      return row
        ? packResume(Number(row.position_sec), Number(row.duration_sec), Boolean(row.completed))
        : null
    }
    values[RESUME_LOADED] = '1'
    await cache.hashSet(resumeKey(userId), values, RESUME_TTL_SEC)
    return values[String(episodeId)] ?? null
  }

  async record(userId: number, episodeId: number, input: ProgressInput) {
    const view = await this.catalog.episodeForViewer(episodeId, { id: userId })
    if (view.access === 'locked') {
      throw episodeLocked(episodeId, view)
    }
    const duration = Math.round(input.durationSec)
    const position = Math.round(Math.min(input.positionSec, input.durationSec))
    const completed =
      input.event === 'ended' || (duration > 0 && position >= duration - endMargin(duration))
    const now = DateTime.utc()
    const stored = await db.transaction(async (trx) => {
      const row = await trx
        .from('playback_progress')
        .where('user_id', userId)
        .where('episode_id', episodeId)
        .forUpdate()
        .first()
      if (!row) {
        await trx.table('playback_progress').insert({
          user_id: userId,
          episode_id: episodeId,
          drama_id: view.dramaId,
          position_sec: position,
          duration_sec: duration,
          completed,
          views: 1,
          created_at: dbTime(now),
          updated_at: dbTime(now),
        })
        return { newView: true, completed }
      }
      const previous = Number(row.position_sec)
      // Watching again after finishing (back near the start), or coming back much later.
      const again = row.completed
        ? position + 2 < previous
        : fromDb(row.updated_at) < now.minus({ minutes: NEW_VIEW_AFTER_MIN })
      // A late heartbeat just after "ended" does not reopen the finished view.
      const storedCompleted = completed || (Boolean(row.completed) && !again)
      await trx
        .from('playback_progress')
        .where('user_id', userId)
        .where('episode_id', episodeId)
        .update({
          position_sec: position,
          duration_sec: duration,
          completed: storedCompleted,
          views: Number(row.views) + (again ? 1 : 0),
          updated_at: dbTime(now),
        })
      return { newView: again, completed: storedCompleted }
    })
    const written = await cache.hashSet(
      resumeKey(userId),
      { [String(episodeId)]: packResume(position, duration, stored.completed) },
      RESUME_TTL_SEC
    )
    // A cached position that could not be updated must not outlive this report.
    if (!written) await cache.forget(resumeKey(userId))
    if (stored.newView) await recordPlay(view.dramaId, now)
    return { positionSec: position, completed }
  }
}
