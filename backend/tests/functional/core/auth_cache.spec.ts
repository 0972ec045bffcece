import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { guest, staffToken } from '#tests/helpers/accounts'
import { freePort, spawnTs, waitUntil, type Spawned } from '#tests/helpers/processes'

/**
 * The auth cache keeps token and account rows in each process (app/core/auth). These tests show
 * it never lets a revoked token or a changed account through: not in the process that made the
 * change, and not in another API process that had the old rows cached (Redis pub/sub).
 */
async function me(base: string, token: string) {
  const res = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, body: (await res.json()) as any }
}

/** Polls `check` for up to `ms` and returns how long it took to become true. */
async function within(ms: number, check: () => Promise<boolean>) {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return Number.POSITIVE_INFINITY
}

test.group('Auth cache', (group) => {
  let other: Spawned
  let otherBase = ''

  group.setup(async () => {
    // A second API process on the same database and Redis, as a second instance behind a balancer.
    const port = await freePort()
    other = spawnTs('bin/server.ts', {
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    })
    otherBase = `http://127.0.0.1:${port}`
    await waitUntil(
      async () =>
        other.child.exitCode !== null ||
        (await fetch(`${otherBase}/health`).then(
          (r) => r.status < 500,
          () => false
        )),
      40_000,
      'the second API process'
    )
    if (other.child.exitCode !== null) throw new Error(other.output())
    return async () => {
      other.child.kill('SIGTERM')
      await other.exited
    }
  })

  test('sign-out, profile changes and bans take effect at once in this process', async ({
    client,
    assert,
  }) => {
    const viewer = await guest(client)
    ;(await client.get('/api/v1/me').bearerToken(viewer.token)).assertStatus(200)
    const renamed = await client
      .patch('/api/v1/me')
      .bearerToken(viewer.token)
      .json({ nickname: '缓存之后改名' })
    renamed.assertStatus(200)
    const after = await client.get('/api/v1/me').bearerToken(viewer.token)
    assert.equal(after.body().user.nickname, '缓存之后改名')

    ;(await client.post('/api/v1/auth/logout').bearerToken(viewer.token)).assertStatus(204)
    const gone = await client.get('/api/v1/me').bearerToken(viewer.token)
    gone.assertStatus(401)
    assert.equal(gone.body().error.code, 'UNAUTHENTICATED')

    const banned = await guest(client)
    ;(await client.get('/api/v1/me').bearerToken(banned.token)).assertStatus(200)
    const admin = await staffToken(client, 'admin')
    ;(
      await client
        .post(`/admin/v1/users/${banned.user.id}/ban`)
        .bearerToken(admin)
        .json({ reason: '测试封禁' })
    ).assertStatus(200)
    ;(await client.get('/api/v1/me').bearerToken(banned.token)).assertStatus(401)
  })

  test('another API process drops its cached rows at once (pub/sub), well before the TTL', async ({
    client,
    assert,
  }) => {
    // Warm the other process: it now holds this viewer's token and account rows.
    const viewer = await guest(client)
    assert.equal((await me(otherBase, viewer.token)).status, 200)
    assert.equal((await me(otherBase, viewer.token)).status, 200)

    const renamed = await client
      .patch('/api/v1/me')
      .bearerToken(viewer.token)
      .json({ nickname: '另一进程可见' })
    renamed.assertStatus(200)
    const seen = await within(2000, async () => {
      const res = await me(otherBase, viewer.token)
      return res.body.user?.nickname === '另一进程可见'
    })
    assert.isBelow(seen, 2000, 'the other process kept the old account row')

    ;(await client.post('/api/v1/auth/logout').bearerToken(viewer.token)).assertStatus(204)
    const refused = await within(
      2000,
      async () => (await me(otherBase, viewer.token)).status === 401
    )
    assert.isBelow(refused, 2000, 'the other process still accepted a signed-out token')

    // Staff: disabling an admin revokes their tokens everywhere.
    const admin = await staffToken(client, 'admin')
    const victim = await staffToken(client, 'finance')
    const victimMe = await fetch(`${otherBase}/admin/v1/me`, {
      headers: { authorization: `Bearer ${victim}` },
    })
    assert.equal(victimMe.status, 200)
    const victimId = ((await victimMe.json()) as any).admin.id
    ;(
      await client
        .patch(`/admin/v1/admins/${victimId}`)
        .bearerToken(admin)
        .json({ status: 'disabled' })
    ).assertStatus(200)
    const locked = await within(
      2000,
      async () =>
        (
          await fetch(`${otherBase}/admin/v1/me`, {
            headers: { authorization: `Bearer ${victim}` },
          })
        ).status === 401
    )
    assert.isBelow(locked, 2000, 'the other process still accepted a disabled admin')
  }).timeout(30_000)

  test('last_used_at is written once a minute per token, not on every request', async ({
    client,
    assert,
  }) => {
    const viewer = await guest(client)
    const tokenId = Buffer.from(viewer.token.slice(4).split('.')[0]!, 'base64url').toString()
    const lastUsed = async () =>
      (await db.from('user_access_tokens').where('id', tokenId).firstOrFail()).last_used_at
    assert.isNull(await lastUsed())
    ;(await client.get('/api/v1/me').bearerToken(viewer.token)).assertStatus(200)
    const first = await lastUsed()
    assert.isNotNull(first)
    for (let i = 0; i < 3; i++) {
      ;(await client.get('/api/v1/me').bearerToken(viewer.token)).assertStatus(200)
    }
    assert.equal(new Date(await lastUsed()).getTime(), new Date(first).getTime())
  })
})
