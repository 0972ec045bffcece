import type { Logger } from '@adonisjs/core/logger'

export interface Schedule {
  /** Stable name; part of the lock key. */
  name: string
  everyMs: number
  job: string
  payload?: unknown
}

/** Grants a key to one holder for a while; the Redis one works across processes. */
export interface TickLock {
  acquire(key: string, ttlMs: number): Promise<boolean>
}

export interface RedisLike {
  set(key: string, value: string, px: 'PX', ttl: number, nx: 'NX'): Promise<string | null>
}

export class RedisTickLock implements TickLock {
  constructor(
    private redis: RedisLike,
    private owner: string
  ) {}

  async acquire(key: string, ttlMs: number) {
    return (await this.redis.set(`scheduler:${key}`, this.owner, 'PX', ttlMs, 'NX')) === 'OK'
  }
}

/** For a single process without Redis (development with the inline queue). */
export class MemoryTickLock implements TickLock {
  #held = new Map<string, number>()

  async acquire(key: string, ttlMs: number) {
    const now = Date.now()
    for (const [k, until] of this.#held) if (until <= now) this.#held.delete(k)
    if (this.#held.has(key)) return false
    this.#held.set(key, now + ttlMs)
    return true
  }
}

/**
 * Periodic jobs. Time is cut into slots of `everyMs`; in each slot every scheduler process
 * races for the slot's lock and only the winner dispatches, so a tick runs once however many
 * workers are up, and a restarted worker does not run a slot twice.
 */
export class Scheduler {
  #timer?: NodeJS.Timeout
  #lastSlot = new Map<string, number>()

  constructor(
    private schedules: Schedule[],
    private lock: TickLock,
    private dispatch: (job: string, payload: unknown) => Promise<unknown>,
    private logger: Logger,
    private tickMs = 1000
  ) {}

  start() {
    if (this.#timer) return
    this.#timer = setInterval(() => void this.tick(), this.tickMs)
    this.#timer.unref()
    void this.tick()
  }

  stop() {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** Returns the names of the schedules this process dispatched in this tick. */
  async tick(now = Date.now()): Promise<string[]> {
    const ran: string[] = []
    for (const schedule of this.schedules) {
      const slot = Math.floor(now / schedule.everyMs)
      if (this.#lastSlot.get(schedule.name) === slot) continue
      this.#lastSlot.set(schedule.name, slot)
      try {
        if (!(await this.lock.acquire(`${schedule.name}:${slot}`, schedule.everyMs))) continue
        await this.dispatch(schedule.job, schedule.payload ?? {})
        ran.push(schedule.name)
      } catch (err) {
        this.logger.error({ err, schedule: schedule.name }, 'scheduled dispatch failed')
      }
    }
    return ran
  }
}
