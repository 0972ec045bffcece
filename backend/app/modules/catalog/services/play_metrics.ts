import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'

/** One more play of a drama today (business day), read by the rankings job. */
export async function recordPlay(dramaId: number, now = DateTime.utc()) {
  const day = now.setZone(env.get('BUSINESS_TIMEZONE', 'Asia/Shanghai')).toISODate()!
  await db
    .table('drama_daily_metrics')
    .insert({ drama_id: dramaId, day, plays: 1, unlocks: 0 })
    .onConflict(['drama_id', 'day'])
    .merge({ plays: db.raw('drama_daily_metrics.plays + 1') })
}
