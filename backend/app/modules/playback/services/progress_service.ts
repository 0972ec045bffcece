import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { AppError } from '#core/exceptions/app_error'
import { dbTime, fromDb } from '#core/database/time'
import { CatalogQueryService } from '#modules/catalog/services/catalog_query_service'
import { recordPlay } from '#modules/catalog/services/play_metrics'

/** Barely started: start from the beginning next time. */
const START_MARGIN_SEC = 2
/** Near the end (5% of the episode, 2 to 10 s): the next play starts over too. */
const endMargin = (durationSec: number) => Math.min(10, Math.max(2, durationSec * 0.05))
/** A heartbeat after this long without one starts a new view. */
const NEW_VIEW_AFTER_MIN = 30

export interface ProgressInput {
  positionSec: number
  durationSec: number
  event: 'heartbeat' | 'ended'
}

/** Where each viewer is in each episode (resume), and plays for the rankings. */
export class ProgressService {
  constructor(private catalog = new CatalogQueryService()) {}

  async resumeAt(userId: number, episodeId: number) {
    const row = await db
      .from('playback_progress')
      .where('user_id', userId)
      .where('episode_id', episodeId)
      .select('position_sec', 'duration_sec', 'completed')
      .first()
    if (!row || row.completed) return 0
    const position = Number(row.position_sec)
    const duration = Number(row.duration_sec)
    if (position < START_MARGIN_SEC || (duration && position > duration - endMargin(duration)))
      return 0
    return position
  }

  async record(userId: number, episodeId: number, input: ProgressInput) {
    const view = await this.catalog.episodeForViewer(episodeId, { id: userId })
    if (view.access === 'locked') {
      throw new AppError(402, 'EPISODE_LOCKED', 'Unlock this episode to watch it', { episodeId })
    }
    const duration = Math.round(input.durationSec)
    const position = Math.round(Math.min(input.positionSec, input.durationSec))
    const completed =
      input.event === 'ended' || (duration > 0 && position >= duration - endMargin(duration))
    const now = DateTime.utc()
    const newView = await db.transaction(async (trx) => {
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
        return true
      }
      const previous = Number(row.position_sec)
      // Watching again after finishing (back near the start), or coming back much later.
      const again = row.completed
        ? position + 2 < previous
        : fromDb(row.updated_at) < now.minus({ minutes: NEW_VIEW_AFTER_MIN })
      await trx
        .from('playback_progress')
        .where('user_id', userId)
        .where('episode_id', episodeId)
        .update({
          position_sec: position,
          duration_sec: duration,
          // A late heartbeat just after "ended" does not reopen the finished view.
          completed: completed || (Boolean(row.completed) && !again),
          views: Number(row.views) + (again ? 1 : 0),
          updated_at: dbTime(now),
        })
      return again
    })
    if (newView) await recordPlay(view.dramaId, now)
    return { positionSec: position, completed }
  }
}
