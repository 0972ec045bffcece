import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import { NearMap } from '#core/cache/near_map'
import { mainRedis } from '#core/cache/main_redis'

/**
 * Read-through cache for hot reads. Redis when REDIS_URL is set, process memory otherwise.
 * A cache failure is never a request failure: errors count as misses and are logged.
 */
interface Backend {
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  del(keys: string[]): Promise<void>
  hmget(key: string, fields: string[]): Promise<(string | null)[]>
  hset(key: string, values: Record<string, string>, ttlSeconds: number): Promise<void>
}

class MemoryBackend implements Backend {
  #entries = new Map<string, { value: string; expiresAt: number }>()
  async get(key: string) {
    const entry = this.#entries.get(key)
    if (!entry) return null
    if (entry.expiresAt < Date.now()) {
      this.#entries.delete(key)
      return null
    }
    return entry.value
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 })
  }
  async del(keys: string[]) {
    for (const key of keys) {
      this.#entries.delete(key)
      this.#hashes.delete(key)
    }
  }
  #hashes = new Map<string, { fields: Map<string, string>; expiresAt: number }>()
  async hmget(key: string, fields: string[]) {
    const hash = this.#hashes.get(key)
    const live = hash && hash.expiresAt >= Date.now() ? hash.fields : undefined
    if (hash && !live) this.#hashes.delete(key)
    return fields.map((field) => live?.get(field) ?? null)
  }
  async hset(key: string, values: Record<string, string>, ttlSeconds: number) {
    const hash = this.#hashes.get(key)
    const fields = hash && hash.expiresAt >= Date.now() ? hash.fields : new Map<string, string>()
    for (const [field, value] of Object.entries(values)) fields.set(field, value)
    this.#hashes.set(key, { fields, expiresAt: Date.now() + ttlSeconds * 1000 })
  }
}

class RedisBackend implements Backend {
  async get(key: string) {
    return (await mainRedis()).get(`cache:${key}`)
  }
  async set(key: string, value: string, ttlSeconds: number) {
    await (await mainRedis()).set(`cache:${key}`, value, 'EX', ttlSeconds)
  }
  async del(keys: string[]) {
    if (keys.length) await (await mainRedis()).del(...keys.map((k) => `cache:${k}`))
  }
  async hmget(key: string, fields: string[]) {
    return (await mainRedis()).hmget(`cache:${key}`, ...fields)
  }
  async hset(key: string, values: Record<string, string>, ttlSeconds: number) {
    const redis = await mainRedis()
    await redis.multi().hset(`cache:${key}`, values).expire(`cache:${key}`, ttlSeconds).exec()
  }
}

let backend: Backend | undefined
function current(): Backend {
  backend ??= env.get('REDIS_URL') ? new RedisBackend() : new MemoryBackend()
  return backend
}

/**
 * The near cache: parsed values kept in this process for a few seconds in front of the shared
 * one, for the hottest reads (playback). `forget` clears it here at once; other processes may
 * serve the old value until their copy expires, so only data that may lag by `nearSeconds` goes
 * through it.
 */
const near = new NearMap<unknown>(10_000)

export const cache = {
  async rememberNear<T>(
    key: string,
    nearSeconds: number,
    ttlSeconds: number,
    load: () => Promise<T>
  ): Promise<T> {
    const local = near.get(key)
    if (local !== undefined) return local as T
    const value = await cache.remember(key, ttlSeconds, load)
    near.set(key, value, nearSeconds * 1000)
    return value
  },

  async remember<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    try {
      const hit = await current().get(key)
      if (hit !== null) return JSON.parse(hit) as T
    } catch (err) {
      logger.warn({ err, key }, 'cache read failed; loading from the database')
    }
    const value = await load()
    try {
      await current().set(key, JSON.stringify(value), ttlSeconds)
    } catch (err) {
      logger.warn({ err, key }, 'cache write failed')
    }
    return value
  },

  /** Drops exactly these keys (targeted invalidation; there is no "flush all"). */
  async forget(...keys: string[]) {
    for (const key of keys) near.delete(key)
    try {
      await current().del(keys)
    } catch (err) {
      logger.warn({ err, keys }, 'cache invalidation failed')
    }
  },

  /**
   * Hash entries: many small values under one key that are loaded together and then read and
   * updated one field at a time (a viewer's resume positions). A failure reads as all-missing.
   */
  async hashGet(key: string, fields: string[]): Promise<(string | null)[]> {
    try {
      return await current().hmget(key, fields)
    } catch (err) {
      logger.warn({ err, key }, 'cache read failed; loading from the database')
      return fields.map(() => null)
    }
  },

  /** Sets fields of a hash entry and (re)starts its lifetime; false when the write failed. */
  async hashSet(key: string, values: Record<string, string>, ttlSeconds: number) {
    if (!Object.keys(values).length) return true
    try {
      await current().hset(key, values, ttlSeconds)
      return true
    } catch (err) {
      logger.warn({ err, key }, 'cache write failed')
      return false
    }
  },

  async peek(key: string): Promise<string | null> {
    return current().get(key)
  },
}
