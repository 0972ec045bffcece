import db from '@adonisjs/lucid/services/db'
import type { JobFailure } from '#core/queue/types'
import { dbTime } from '#core/database/time'

/** Both drivers record a job that used up its attempts here, with the reason. */
export async function recordFailedJob(failure: JobFailure) {
  await db.table('failed_jobs').insert({
    driver: failure.driver,
    name: failure.name,
    job_id: failure.jobId,
    payload: JSON.stringify(failure.payload ?? null),
    attempts: failure.attempts,
    error: failure.error.slice(0, 2000),
    stack: failure.stack?.slice(0, 8000) ?? null,
    failed_at: dbTime(),
  })
}
