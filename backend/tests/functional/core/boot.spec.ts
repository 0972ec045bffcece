import { test } from '@japa/runner'
import { rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { freePort, spawnTs, waitUntil } from '#tests/helpers/processes'

/** A development-mode environment that needs nothing but the file system. */
function sqliteEnv(port: number, file: string) {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
    DB_CONNECTION: 'sqlite',
    DATABASE_URL: file,
    REDIS_URL: '',
    QUEUE_DRIVER: 'inline',
    STORAGE_DRIVER: 'local',
  }
}

test.group('Boot', () => {
  test('boots on SQLite with the inline queue and reports healthy', async ({ assert, cleanup }) => {
    const port = await freePort()
    // A folder that does not exist yet, as tmp/ in a fresh clone.
    const dir = `tmp/boot-${process.pid}-${port}`
    const file = `${dir}/duanju.sqlite3`
    cleanup(() => rm(app.makePath(dir), { recursive: true, force: true }))
    const server = spawnTs('bin/server.ts', sqliteEnv(port, file))
    cleanup(async () => {
      server.child.kill('SIGTERM')
      await server.exited
    })
    await waitUntil(
      () => server.output().includes('started HTTP server') || server.child.exitCode !== null,
      30_000,
      'server start'
    )
    assert.isNull(server.child.exitCode, server.output())

    const res = await fetch(`http://127.0.0.1:${port}/health`)
    const body = (await res.json()) as any
    assert.equal(res.status, 200, JSON.stringify(body))
    assert.equal(body.status, 'ok')
    assert.equal(body.checks.database.status, 'ok')
    assert.equal(body.checks.database.driver, 'sqlite')
    assert.equal(body.checks.redis.status, 'disabled')
    assert.equal(body.checks.storage.status, 'ok')
    assert.equal(body.checks.queue.driver, 'inline')
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
  }).timeout(45_000)

  const badValues: [string, Record<string, string>, RegExp][] = [
    ['an unknown queue driver', { QUEUE_DRIVER: 'rabbit' }, /QUEUE_DRIVER/],
    [
      'bee without Redis',
      { QUEUE_DRIVER: 'bee', REDIS_URL: '' },
      /QUEUE_DRIVER=bee needs REDIS_URL/,
    ],
    [
      'pg without a URL',
      { DB_CONNECTION: 'pg', DATABASE_URL: '' },
      /DB_CONNECTION=pg needs DATABASE_URL/,
    ],
    [
      'a made-up time zone',
      { BUSINESS_TIMEZONE: 'Mars/Olympus' },
      /BUSINESS_TIMEZONE must be an IANA time zone/,
    ],
    ['a non-numeric port', { PORT: 'eighty' }, /PORT/],
    ['OSS without credentials', { STORAGE_DRIVER: 'oss' }, /STORAGE_DRIVER=oss needs OSS_BUCKET/],
    [
      'a CDN domain without URL authentication',
      { OSS_CDN_DOMAIN: 'media.cdn.example.com' },
      /OSS_CDN_DOMAIN needs OSS_CDN_AUTH_KEY/,
    ],
  ]
  for (const [title, override, message] of badValues) {
    test(`refuses to boot with ${title}`, async ({ assert }) => {
      const port = await freePort()
      const server = spawnTs('bin/server.ts', {
        ...sqliteEnv(port, 'tmp/never.sqlite3'),
        ...override,
      })
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000)
      const code = await server.exited
      clearTimeout(timer)
      assert.notEqual(code, 0)
      assert.match(server.output(), message)
      assert.notInclude(server.output(), 'started HTTP server')
    }).timeout(40_000)
  }
})
