export interface RedisConnectionOptions {
  host: string
  port: number
  username?: string
  password?: string
  db: number
  tls?: Record<string, never>
}

/** redis[s]://[user[:password]@]host[:port][/db] → ioredis options. */
export function parseRedisUrl(url: string): RedisConnectionOptions {
  const parsed = new URL(url)
  const db = Number(parsed.pathname.replace(/^\//, '') || 0)
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}
