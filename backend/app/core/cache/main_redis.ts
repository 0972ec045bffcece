/**
 * The `main` Redis connection, looked up once. Imported lazily, so a process without REDIS_URL
 * (development on SQLite) never loads or opens it; a dynamic import per call would cost a loader
 * round trip on every cache read.
 */
type RedisConnection = ReturnType<
  (typeof import('@adonisjs/redis/services/main'))['default']['connection']
>

let connection: Promise<RedisConnection> | undefined

export function mainRedis(): Promise<RedisConnection> {
  connection ??= import('@adonisjs/redis/services/main').then(({ default: redis }) =>
    redis.connection('main')
  )
  return connection
}
