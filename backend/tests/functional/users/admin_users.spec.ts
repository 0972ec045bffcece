import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import AdminCreate from '#commands/admin_create'
import AdminUser from '#modules/users/models/admin_user'
import { guest, staffToken, STAFF_PASSWORD } from '#tests/helpers/accounts'

test.group('Admin: viewers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('search, detail, ban (tokens revoked, sign-in refused), unban — all audited', async ({
    client,
    assert,
  }) => {
    const admin = await staffToken(client, 'operator')
    const viewer = await guest(client)
    await client.patch('/api/v1/me').bearerToken(viewer.token).json({ nickname: '被封的观众' })

    const list = await client.get('/admin/v1/users').qs({ q: '被封的' }).bearerToken(admin)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((u: any) => u.id),
      [viewer.user.id]
    )
    assert.isNull(list.body().nextCursor)

    const detail = await client.get(`/admin/v1/users/${viewer.user.id}`).bearerToken(admin)
    assert.equal(detail.body().devices[0].deviceId, viewer.deviceId)

    const ban = await client
      .post(`/admin/v1/users/${viewer.user.id}/ban`)
      .bearerToken(admin)
      .json({ reason: '发布违规内容' })
    ban.assertStatus(200)
    assert.equal(ban.body().user.status, 'banned')
    assert.equal(ban.body().user.bannedReason, '发布违规内容')

    const me = await client.get('/api/v1/me').bearerToken(viewer.token)
    me.assertStatus(401)
    const again = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: viewer.deviceId, platform: 'h5' })
    again.assertStatus(403)
    assert.equal(again.body().error.code, 'ACCOUNT_BANNED')

    ;(await client.post(`/admin/v1/users/${viewer.user.id}/unban`).bearerToken(admin)).assertStatus(
      200
    )
    ;(
      await client.post('/api/v1/auth/guest').json({ deviceId: viewer.deviceId, platform: 'h5' })
    ).assertStatus(200)

    const audit = await client
      .get('/admin/v1/audit-logs')
      .qs({ targetType: 'user', targetId: String(viewer.user.id) })
      .bearerToken(await staffToken(client, 'admin'))
    const actions = audit.body().data.map((e: any) => e.action)
    assert.deepEqual(actions, ['users.unban', 'users.ban'])
    const banEntry = audit.body().data[1]
    assert.deepEqual(banEntry.before, { status: 'active', bannedReason: null })
    assert.deepEqual(banEntry.after, { status: 'banned', bannedReason: '发布违规内容' })
    assert.equal(banEntry.actor.type, 'admin')
    assert.isString(banEntry.ip)
    assert.isString(banEntry.requestId)
  })

  test('cursor pagination walks the list without repeats', async ({ client, assert }) => {
    const admin = await staffToken(client, 'admin')
    for (let i = 0; i < 7; i++) await guest(client)
    const seen: number[] = []
    let cursor: string | null = null
    for (let page = 0; page < 3; page++) {
      const res = await client
        .get('/admin/v1/users')
        .qs({ limit: 2, ...(cursor ? { cursor } : {}) })
        .bearerToken(admin)
      const body: { data: { id: number }[]; nextCursor: string | null } = res.body()
      seen.push(...body.data.map((u) => u.id))
      cursor = body.nextCursor
    }
    assert.lengthOf(seen, 6)
    assert.equal(new Set(seen).size, 6)
    assert.deepEqual(
      [...seen].sort((a, b) => b - a),
      seen
    )
  })

  test('roles: reviewer and finance may not manage viewers; nobody unauthenticated', async ({
    client,
    assert,
  }) => {
    for (const role of ['reviewer', 'finance'] as const) {
      const res = await client.get('/admin/v1/users').bearerToken(await staffToken(client, role))
      res.assertStatus(403)
      assert.equal(res.body().error.code, 'FORBIDDEN')
    }
    ;(await client.get('/admin/v1/users')).assertStatus(401)
    const viewer = await guest(client)
    ;(await client.get('/admin/v1/users').bearerToken(viewer.token)).assertStatus(401)
  })

  test('_params: ban needs a reason, ids must exist, filters are checked', async ({
    client,
    assert,
  }) => {
    const admin = await staffToken(client, 'admin')
    const viewer = await guest(client)
    for (const body of [{}, { reason: 'x' }, { reason: 'y'.repeat(201) }]) {
      const res = await client
        .post(`/admin/v1/users/${viewer.user.id}/ban`)
        .bearerToken(admin)
        .json(body)
      res.assertStatus(422)
    }
    ;(
      await client
        .post('/admin/v1/users/999999999/ban')
        .bearerToken(admin)
        .json({ reason: 'spam spam' })
    ).assertStatus(404)
    ;(await client.get('/admin/v1/users/abc').bearerToken(admin)).assertStatus(404)
    for (const qs of [
      { status: 'zombie' },
      { limit: 0 },
      { limit: 101 },
      { platform: 'pc' },
      { cursor: -1 },
    ]) {
      const res = await client.get('/admin/v1/users').qs(qs).bearerToken(admin)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED')
    }
  })
})

test.group('Admin: staff accounts and audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin creates an operator who then signs in with operator permissions', async ({
    client,
    assert,
  }) => {
    const admin = await staffToken(client, 'admin')
    const email = `new-op-${Date.now()}@example.com`
    const created = await client
      .post('/admin/v1/admins')
      .bearerToken(admin)
      .json({ email, name: '新运营', roles: ['operator'], password: 'Operator-Pass-1' })
    created.assertStatus(201)
    assert.deepEqual(created.body().admin.roles, ['operator'])
    const login = await client
      .post('/admin/v1/auth/login')
      .json({ email, password: 'Operator-Pass-1' })
    assert.notInclude(login.body().permissions, 'admins.manage')
    assert.include(login.body().permissions, 'catalog.manage')

    const dup = await client
      .post('/admin/v1/admins')
      .bearerToken(admin)
      .json({
        email: email.toUpperCase(),
        name: 'x',
        roles: ['finance'],
        password: 'Operator-Pass-1',
      })
    dup.assertStatus(409)
    assert.equal(dup.body().error.code, 'EMAIL_TAKEN')

    const roles = await client.get('/admin/v1/roles').bearerToken(admin)
    assert.deepEqual(
      roles.body().data.map((r: any) => r.role),
      ['admin', 'operator', 'reviewer', 'finance']
    )

    const audit = await client
      .get('/admin/v1/audit-logs')
      .qs({ action: 'admins.create' })
      .bearerToken(admin)
    const entry = audit.body().data.find((e: any) => e.after?.email === email)
    assert.exists(entry)
    assert.notInclude(JSON.stringify(audit.body()), 'Operator-Pass-1')
  })

  test('disabling an admin revokes their tokens; admins cannot lock themselves out', async ({
    client,
    assert,
  }) => {
    const adminToken = await staffToken(client, 'admin')
    const me = (await client.get('/admin/v1/me').bearerToken(adminToken)).body().admin
    const victimToken = await staffToken(client, 'finance')
    const victim = (await client.get('/admin/v1/me').bearerToken(victimToken)).body().admin

    const res = await client
      .patch(`/admin/v1/admins/${victim.id}`)
      .bearerToken(adminToken)
      .json({ status: 'disabled' })
    res.assertStatus(200)
    ;(await client.get('/admin/v1/me').bearerToken(victimToken)).assertStatus(401)
    const login = await client
      .post('/admin/v1/auth/login')
      .json({ email: victim.email, password: STAFF_PASSWORD })
    assert.equal(login.body().error.code, 'ACCOUNT_DISABLED')

    for (const body of [{ status: 'disabled' }, { roles: ['operator'] }]) {
      const self = await client
        .patch(`/admin/v1/admins/${me.id}`)
        .bearerToken(adminToken)
        .json(body)
      self.assertStatus(409)
      assert.equal(self.body().error.code, 'CANNOT_LOCK_OUT_SELF')
    }
  })

  test('only admins manage staff; only admins read the audit log', async ({ client, assert }) => {
    for (const role of ['operator', 'reviewer', 'finance'] as const) {
      const token = await staffToken(client, role)
      ;(await client.get('/admin/v1/admins').bearerToken(token)).assertStatus(403)
      ;(await client.post('/admin/v1/admins').bearerToken(token).json({})).assertStatus(403)
      ;(await client.patch('/admin/v1/admins/1').bearerToken(token).json({})).assertStatus(403)
      const audit = await client.get('/admin/v1/audit-logs').bearerToken(token)
      audit.assertStatus(403)
      assert.equal(audit.body().error.details.permission, 'audit.read')
    }
  })

  test('_params: staff account fields', async ({ client }) => {
    const admin = await staffToken(client, 'admin')
    const bad = [
      {},
      { email: 'not-mail', name: 'x', roles: ['operator'], password: 'long-enough-1' },
      { email: 'a@b.co', name: 'x', roles: [], password: 'long-enough-1' },
      { email: 'a@b.co', name: 'x', roles: ['god'], password: 'long-enough-1' },
      { email: 'a@b.co', name: 'x', roles: ['operator'], password: 'short' },
    ]
    for (const body of bad)
      (await client.post('/admin/v1/admins').bearerToken(admin).json(body)).assertStatus(422)
    ;(
      await client.patch('/admin/v1/admins/999999').bearerToken(admin).json({ name: 'x' })
    ).assertStatus(404)
    ;(
      await client.patch('/admin/v1/admins/1').bearerToken(admin).json({ status: 'sleeping' })
    ).assertStatus(422)
    ;(
      await client.get('/admin/v1/audit-logs').qs({ from: 'yesterday' }).bearerToken(admin)
    ).assertStatus(422)
  })

  test('five wrong passwords lock the email for this IP (429 with Retry-After), then even the right one waits', async ({
    client,
    assert,
  }) => {
    const email = `lock-${Date.now()}@example.com`
    await AdminUser.create({
      email,
      name: 'lock',
      password: STAFF_PASSWORD,
      roles: ['finance'],
      status: 'active',
    })
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`
    for (let i = 0; i < 5; i++) {
      ;(
        await client
          .post('/admin/v1/auth/login')
          .header('x-forwarded-for', ip)
          .json({ email, password: 'wrong-password' })
      ).assertStatus(401)
    }
    const locked = await client
      .post('/admin/v1/auth/login')
      .header('x-forwarded-for', ip)
      .json({ email, password: STAFF_PASSWORD })
    locked.assertStatus(429)
    assert.equal(locked.body().error.code, 'RATE_LIMITED')
    assert.isAbove(Number(locked.header('retry-after')), 800)
    // Another address is not locked out by someone else's guessing.
    ;(
      await client
        .post('/admin/v1/auth/login')
        .header('x-forwarded-for', '192.0.2.250')
        .json({ email, password: STAFF_PASSWORD })
    ).assertStatus(200)
  })

  test('sign-ins are audited', async ({ client, assert }) => {
    const token = await staffToken(client, 'admin')
    const me = (await client.get('/admin/v1/me').bearerToken(token)).body().admin
    const audit = await client
      .get('/admin/v1/audit-logs')
      .qs({ action: 'admin.login', actorId: me.id })
      .bearerToken(token)
    assert.lengthOf(audit.body().data, 1)
  })

  test('node ace admin:create makes the first admin of an install', async ({ assert }) => {
    const email = `first-${Date.now()}@example.com`
    const command = await ace.create(AdminCreate, [
      email,
      '首任管理员',
      '--role=admin',
      '--password=First-Admin-Pass',
    ])
    await command.exec()
    command.assertSucceeded()
    const admin = await AdminUser.findByOrFail('email', email)
    assert.deepEqual(admin.roles, ['admin'])
    const weak = await ace.create(AdminCreate, [`weak-${email}`, 'x', '--password=short'])
    await weak.exec()
    weak.assertFailed()
  })
})
