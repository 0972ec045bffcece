import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import { fromDb } from '#core/database/time'

export const BOARDS = ['hot', 'new', 'completed', 'rising'] as const
export type Board = (typeof BOARDS)[number]

/** Each day back weighs this much less: yesterday 0.8, two days ago 0.64, ... */
const DECAY = 0.8
const UNLOCK_WEIGHT = 5
const BOARD_SIZE = 100

interface Metric {
  dramaId: number
  day: string
  plays: number
  unlocks: number
}

export interface RankedDrama {
  dramaId: number
  score: number
}

async function redisConnection() {
  const { default: redis } = await import('@adonisjs/redis/services/main')
  return redis.connection('main')
}

/**
 * Ranking boards. A scheduled job computes them from the last 7 days of plays and unlocks
 * into Redis sorted sets (`catalog:rankings:<board>`) and the dramas' hot_score column;
 * reads come from Redis and fall back to the same computation on the database when Redis is
 * down or empty.
 */
export class RankingService {
  /** hot: Σ (plays + 5·unlocks) · 0.8^age over 7 days. rising: last 3 days against the 4 before. */
  static score(metrics: Metric[], today: DateTime) {
    const hot = new Map<number, number>()
    const recent = new Map<number, number>()
    const earlier = new Map<number, number>()
    for (const m of metrics) {
      const age = Math.floor(
        today.startOf('day').diff(DateTime.fromISO(m.day, { zone: 'utc' }).startOf('day'), 'days')
          .days
      )
      if (age < 0 || age > 6) continue
      const volume = m.plays + UNLOCK_WEIGHT * m.unlocks
      hot.set(m.dramaId, (hot.get(m.dramaId) ?? 0) + volume * DECAY ** age)
      const bucket = age < 3 ? recent : earlier
      bucket.set(m.dramaId, (bucket.get(m.dramaId) ?? 0) + volume)
    }
    const rising = new Map<number, number>()
    for (const [dramaId, now] of recent) {
      // Per-day rates; a minimum volume keeps a handful of plays from topping the board.
      if (now < 30) continue
      const before = (earlier.get(dramaId) ?? 0) / 4
      rising.set(dramaId, now / 3 / (before + 1))
    }
    return { hot, rising }
  }

  async #published() {
    return db
      .from('dramas')
      .where('state', 'published')
      .select('id', 'status', 'published_at', 'rating')
  }

  async #metrics(since: DateTime) {
    const rows = await db
      .from('drama_daily_metrics')
      .where('day', '>=', since.toISODate()!)
      .select('drama_id', 'day', 'plays', 'unlocks')
    return rows.map((r) => ({
      dramaId: Number(r.drama_id),
      day:
        typeof r.day === 'string'
          ? r.day.slice(0, 10)
          : DateTime.fromJSDate(r.day).toUTC().toISODate()!,
      plays: Number(r.plays),
      unlocks: Number(r.unlocks),
    }))
  }

  /** The four boards, computed from the database. */
  async computeBoards(now = DateTime.utc()): Promise<Record<Board, RankedDrama[]>> {
    const today = now.startOf('day')
    const [published, metrics] = await Promise.all([
      this.#published(),
      this.#metrics(today.minus({ days: 6 })),
    ])
    const { hot, rising } = RankingService.score(metrics, today)
    const live = new Set(published.map((d) => Number(d.id)))
    const top = (entries: [number, number][]) =>
      entries
        .filter(([id]) => live.has(id))
        .sort((a, b) => b[1] - a[1] || b[0] - a[0])
        .slice(0, BOARD_SIZE)
        .map(([dramaId, score]) => ({ dramaId, score: Math.round(score * 1000) / 1000 }))
    const hotAll: [number, number][] = published.map((d) => [
      Number(d.id),
      hot.get(Number(d.id)) ?? 0,
    ])
    const completed = new Set(
      published.filter((d) => d.status === 'completed').map((d) => Number(d.id))
    )
    return {
      hot: top(hotAll),
      rising: top([...rising.entries()]),
      completed: top(hotAll.filter(([id]) => completed.has(id))),
      new: top(
        published
          .filter((d) => d.published_at && fromDb(d.published_at) >= now.minus({ days: 30 }))
          .map((d) => [Number(d.id), fromDb(d.published_at).toMillis() / 1000] as [number, number])
      ),
    }
  }

  /** The scheduled job: write every board to Redis and hot scores to the dramas. */
  async refresh(now = DateTime.utc()) {
    const boards = await this.computeBoards(now)
    await db.transaction(async (trx) => {
      await trx.from('dramas').update({ hot_score: 0 })
      for (const { dramaId, score } of boards.hot) {
        await trx
          .from('dramas')
          .where('id', dramaId)
          .update({ hot_score: Math.round(score * 1000) })
      }
    })
    if (env.get('REDIS_URL')) {
      const redis = await redisConnection()
      const pipeline = redis.multi()
      for (const board of BOARDS) {
        const key = `catalog:rankings:${board}`
        pipeline.del(key)
        const entries = boards[board]
        if (entries.length)
          pipeline.zadd(key, ...entries.flatMap((e) => [e.score, String(e.dramaId)]))
      }
      await pipeline.exec()
    }
    return boards
  }

  /**
   * Reads a board from Redis; on a Redis error or an empty board, computes it from the database.
   * `connection` is the app's Redis unless given (tests pass an unreachable one).
   */
  async read(
    board: Board,
    limit: number,
    connection?: () => Promise<{ zrevrange: (...args: any[]) => Promise<string[]> }>
  ): Promise<{ entries: RankedDrama[]; source: 'redis' | 'database' }> {
    if (env.get('REDIS_URL')) {
      try {
        const redis = await (connection ?? redisConnection)()
        const raw = await redis.zrevrange(`catalog:rankings:${board}`, 0, limit - 1, 'WITHSCORES')
        if (raw.length) {
          const entries: RankedDrama[] = []
          for (let i = 0; i < raw.length; i += 2)
            entries.push({ dramaId: Number(raw[i]), score: Number(raw[i + 1]) })
          return { entries, source: 'redis' }
        }
      } catch (err) {
        logger.warn({ err, board }, 'rankings: Redis unavailable, computing from the database')
      }
    }
    const boards = await this.computeBoards()
    return { entries: boards[board].slice(0, limit), source: 'database' }
  }
}
