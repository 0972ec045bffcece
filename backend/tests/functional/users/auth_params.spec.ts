import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { guest } from '#tests/helpers/accounts'

/** Validation and authentication of every viewer sign-in endpoint (no provider is reached). */
test.group('Viewer sign-in _params', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const cases: [string, string, object][] = [
    ['sms-codes without a phone', '/api/v1/auth/sms-codes', {}],
    ['sms-codes with letters', '/api/v1/auth/sms-codes', { phone: 'call me' }],
    ['sms-codes with a landline', '/api/v1/auth/sms-codes', { phone: '02088888888' }],
    ['sms-codes with a short number', '/api/v1/auth/sms-codes', { phone: '1380013' }],
    ['phone without a code', '/api/v1/auth/phone', { phone: '13800138000' }],
    ['phone with a 4-digit code', '/api/v1/auth/phone', { phone: '13800138000', code: '1234' }],
    [
      'phone with a non-numeric code',
      '/api/v1/auth/phone',
      { phone: '13800138000', code: 'abcdef' },
    ],
    [
      'phone with an unknown platform',
      '/api/v1/auth/phone',
      { phone: '13800138000', code: '123456', platform: 'pc' },
    ],
    ['wechat-mp without a code', '/api/v1/auth/wechat-mp', {}],
    ['wechat-mp with an empty code', '/api/v1/auth/wechat-mp', { code: '' }],
    ['wechat-mp with a 300-char code', '/api/v1/auth/wechat-mp', { code: 'x'.repeat(300) }],
  ]
  for (const [title, path, body] of cases) {
    test(`422 for ${title}`, async ({ client, assert }) => {
      const res = await client.post(path).json(body)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED')
      assert.isArray(res.body().error.details.fields)
    })
  }

  test('wechat phone binding: 401 without a token, 422 without a code', async ({ client }) => {
    ;(
      await client.post('/api/v1/auth/wechat-mp/phone').json({ code: 'phone:86:13800138000' })
    ).assertStatus(401)
    const g = await guest(client)
    ;(await client.post('/api/v1/auth/wechat-mp/phone').bearerToken(g.token).json({})).assertStatus(
      422
    )
  })

  test('a malformed body on a sign-in route is a 400, not a 500', async ({ client, assert }) => {
    const res = await client.post('/api/v1/auth/phone').unsafeJson('{"phone":"138')
    res.assertStatus(400)
    assert.equal(res.body().error.code, 'BAD_REQUEST')
  })
})
