import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AdminUser from '#modules/users/models/admin_user'

test.group('Guest sign-in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the same device on the same platform is the same guest', async ({ client, assert }) => {
    const first = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-0001-abc', platform: 'h5' })
    first.assertStatus(200)
    const second = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-0001-abc', platform: 'h5' })
    second.assertStatus(200)
    assert.equal(second.body().user.id, first.body().user.id)
    assert.notEqual(second.body().token, first.body().token)
    assert.isTrue(first.body().user.isGuest)
    assert.match(first.body().user.nickname, /^游客\d{6}$/)
    assert.isFalse(
      first.body().user.settings.autoUnlock,
      'auto-unlock is off until the viewer turns it on'
    )
  })

  test('another platform or another device is another guest', async ({ client, assert }) => {
    const h5 = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-0002-abc', platform: 'h5' })
    const mp = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-0002-abc', platform: 'mp-weixin' })
    const other = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'device-0003-abc', platform: 'h5' })
    const ids = new Set([h5.body().user.id, mp.body().user.id, other.body().user.id])
    assert.equal(ids.size, 3)
  })

  test('the token reads /me and stops working after logout', async ({ client, assert }) => {
    const { token, user } = (
      await client
        .post('/api/v1/auth/guest')
        .json({ deviceId: 'device-0004-abc', platform: 'app-android' })
    ).body()
    const me = await client.get('/api/v1/me').bearerToken(token)
    me.assertStatus(200)
    assert.equal(me.body().user.id, user.id)
    assert.notProperty(me.body().user, 'password')

    ;(await client.post('/api/v1/auth/logout').bearerToken(token)).assertStatus(204)
    const after = await client.get('/api/v1/me').bearerToken(token)
    after.assertStatus(401)
    assert.equal(after.body().error.code, 'UNAUTHENTICATED')
  })
})

test.group('Guest sign-in _params', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const cases: [string, unknown][] = [
    ['missing body', {}],
    ['short device id', { deviceId: 'abc', platform: 'h5' }],
    ['device id with spaces', { deviceId: 'abc def ghi jkl', platform: 'h5' }],
    ['unknown platform', { deviceId: 'device-0005-abc', platform: 'symbian' }],
    ['non-string device id', { deviceId: 12345678, platform: 'h5' }],
  ]
  for (const [title, body] of cases) {
    test(`422 for ${title}`, async ({ client, assert }) => {
      const res = await client.post('/api/v1/auth/guest').json(body as object)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED')
    })
  }

  test('/me without a token, with a garbage token and with an admin token → 401', async ({
    client,
    assert,
  }) => {
    for (const token of [undefined, 'dju_not-a-token']) {
      const req = client.get('/api/v1/me')
      const res = await (token ? req.bearerToken(token) : req)
      res.assertStatus(401)
      assert.equal(res.body().error.code, 'UNAUTHENTICATED')
    }
    await AdminUser.create({
      email: 'probe@example.com',
      name: 'probe',
      password: 'Probe-Pass-1',
      roles: ['admin'],
      status: 'active',
    })
    const admin = await client
      .post('/admin/v1/auth/login')
      .json({ email: 'probe@example.com', password: 'Probe-Pass-1' })
    admin.assertStatus(200)
    const res = await client.get('/api/v1/me').bearerToken(admin.body().token)
    res.assertStatus(401)
  })
})
