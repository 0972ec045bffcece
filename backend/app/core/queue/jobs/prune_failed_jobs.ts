import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { JobDefinition } from '#core/queue/types'
import { dbTime } from '#core/database/time'

/** Keeps failed_jobs to the last 30 days. */
export const pruneFailedJobs: JobDefinition<{ olderThanDays?: number }> = {
  name: 'core.prune_failed_jobs',
  retries: 2,
  timeoutMs: 60_000,
  async handle({ olderThanDays = 30 }, { logger }) {
    const cutoff = dbTime(DateTime.utc().minus({ days: olderThanDays }))
    const deleted = await db.from('failed_jobs').where('failed_at', '<', cutoff).delete()
    logger.info({ deleted }, 'pruned failed jobs')
    return { deleted }
  },
}
