import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AdminUser from '#modules/users/models/admin_user'
import { permissionsFor } from '#modules/users/services/permissions'

const PASSWORD = 'Correct-Horse-9'

test.group('Admin sign-in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each role gets its own permissions', async ({ client, assert }) => {
    for (const role of ['admin', 'operator', 'reviewer', 'finance'] as const) {
      await AdminUser.create({
        email: `${role}@example.com`,
        name: role,
        password: PASSWORD,
        roles: [role],
        status: 'active',
      })
      const res = await client
        .post('/admin/v1/auth/login')
        .json({ email: `${role}@example.com`, password: PASSWORD })
      res.assertStatus(200)
      assert.match(res.body().token, /^dja_/)
      assert.deepEqual(res.body().admin.roles, [role])
      assert.deepEqual(res.body().permissions, permissionsFor([role]))
      assert.notProperty(res.body().admin, 'password')
    }
    const reviewer = permissionsFor(['reviewer'])
    assert.sameMembers(reviewer, ['dashboard.view', 'moderation.review'])
    assert.notInclude(permissionsFor(['finance']), 'catalog.manage')
  })

  test('wrong password and unknown email get the same answer', async ({ client, assert }) => {
    await AdminUser.create({
      email: 'ops@example.com',
      name: 'ops',
      password: PASSWORD,
      roles: ['operator'],
      status: 'active',
    })
    const wrong = await client
      .post('/admin/v1/auth/login')
      .json({ email: 'ops@example.com', password: 'nope-nope' })
    const unknown = await client
      .post('/admin/v1/auth/login')
      .json({ email: 'ghost@example.com', password: 'nope-nope' })
    wrong.assertStatus(401)
    unknown.assertStatus(401)
    assert.equal(wrong.body().error.code, 'INVALID_CREDENTIALS')
    assert.equal(wrong.body().error.message, unknown.body().error.message)
  })

  test('a disabled account cannot sign in', async ({ client, assert }) => {
    await AdminUser.create({
      email: 'gone@example.com',
      name: 'gone',
      password: PASSWORD,
      roles: ['admin'],
      status: 'disabled',
    })
    const res = await client
      .post('/admin/v1/auth/login')
      .json({ email: 'gone@example.com', password: PASSWORD })
    res.assertStatus(403)
    assert.equal(res.body().error.code, 'ACCOUNT_DISABLED')
  })

  test('/admin/v1/me answers the session and logout revokes the token', async ({
    client,
    assert,
  }) => {
    await AdminUser.create({
      email: 'fin@example.com',
      name: 'fin',
      password: PASSWORD,
      roles: ['finance'],
      status: 'active',
    })
    const { token } = (
      await client
        .post('/admin/v1/auth/login')
        .json({ email: 'fin@example.com', password: PASSWORD })
    ).body()
    const me = await client.get('/admin/v1/me').bearerToken(token)
    me.assertStatus(200)
    assert.equal(me.body().admin.email, 'fin@example.com')
    assert.include(me.body().permissions, 'finance.manage')
    ;(await client.post('/admin/v1/auth/logout').bearerToken(token)).assertStatus(204)
    ;(await client.get('/admin/v1/me').bearerToken(token)).assertStatus(401)
  })

  test('a viewer token is not an admin token', async ({ client }) => {
    const guest = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-admin-probe', platform: 'h5' })
    ;(await client.get('/admin/v1/me').bearerToken(guest.body().token)).assertStatus(401)
  })

  test('422 for a malformed login body', async ({ client, assert }) => {
    for (const body of [
      {},
      { email: 'not-an-email', password: 'x' },
      { email: 'a@b.co', password: 'p'.repeat(200) },
    ]) {
      const res = await client.post('/admin/v1/auth/login').json(body)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED')
    }
  })
})
