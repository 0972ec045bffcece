import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import queue from '#core/services/queue'
import storage from '#core/services/storage'

export type CheckStatus = 'ok' | 'error' | 'disabled'

export interface CheckResult {
  status: CheckStatus
  latencyMs?: number
  driver?: string
  message?: string
  [extra: string]: unknown
}

export interface HealthReport {
  status: 'ok' | 'error'
  checks: { database: CheckResult; redis: CheckResult; storage: CheckResult; queue: CheckResult }
}

const CHECK_TIMEOUT_MS = 3000

async function timed(fn: () => Promise<Omit<CheckResult, 'latencyMs'>>): Promise<CheckResult> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const result = await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS
        )
      }),
    ])
    return { ...result, latencyMs: Math.round(performance.now() - started) } as CheckResult
  } catch (error) {
    return {
      status: 'error',
      message: (error as Error).message,
      latencyMs: Math.round(performance.now() - started),
    }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * What `GET /health` reports: each dependency answers a real round trip (a query, a PING, a
 * write/read/delete of a probe object, the queue's own health call).
 */
export class HealthService {
  async report(): Promise<HealthReport> {
    const [database, redisCheck, storageCheck, queueCheck] = await Promise.all([
      timed(async () => {
        await db.rawQuery('select 1')
        return { status: 'ok', driver: db.primaryConnectionName }
      }),
      env.get('REDIS_URL')
        ? timed(async () => {
            const pong = await redis.ping()
            return pong === 'PONG'
              ? { status: 'ok' }
              : { status: 'error', message: `unexpected reply ${pong}` }
          })
        : Promise.resolve<CheckResult>({
            status: 'disabled',
            message: 'REDIS_URL is not set (development mode)',
          }),
      timed(async () => {
        const result = await storage.health()
        return {
          status: result.ok ? 'ok' : 'error',
          driver: result.driver,
          ...(result.message ? { message: result.message } : {}),
        }
      }),
      timed(async () => {
        const result = await queue.health()
        return {
          status: result.ok ? 'ok' : 'error',
          driver: result.driver,
          ...(result.counts ? { counts: result.counts } : {}),
          ...(result.workers !== undefined ? { workers: result.workers } : {}),
          ...(result.message ? { message: result.message } : {}),
        }
      }),
    ])
    const checks = { database, redis: redisCheck, storage: storageCheck, queue: queueCheck }
    const failed = Object.values(checks).some((check) => check.status === 'error')
    return { status: failed ? 'error' : 'ok', checks }
  }
}
