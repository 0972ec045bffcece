import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { guest, uniquePhone, useFakeSms, useFakeWechat } from '#tests/helpers/accounts'

test.group('WeChat mini-program sign-in', (group) => {
  const wechat = useFakeWechat(group)
  const sms = useFakeSms(group)
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  const id = () => Math.random().toString(36).slice(2, 10)

  test('jscode2session with appid/secret; the same openid is the same account', async ({
    client,
    assert,
  }) => {
    const openid = `o-${id()}`
    const first = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:${openid}` })
    first.assertStatus(200)
    assert.isTrue(first.body().user.wechatBound)
    assert.isFalse(first.body().user.isGuest)
    const call = wechat.calls.filter((c) => c.path === '/sns/jscode2session').at(-1)!
    assert.deepEqual(call.query, {
      appid: wechat.appId,
      secret: wechat.secret,
      js_code: `ok:${openid}`,
      grant_type: 'authorization_code',
    })
    const row = await db.from('users').where('id', first.body().user.id).firstOrFail()
    assert.equal(row.wechat_session_key, `sk-${openid}`, 'session_key kept server-side')
    assert.notInclude(JSON.stringify(first.body()), 'sk-')

    const second = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:${openid}:again` })
    assert.equal(second.body().user.id, first.body().user.id)
  })

  test('unionid finds the account even under another openid', async ({ client, assert }) => {
    const unionid = `u-${id()}`
    const a = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}:${unionid}` })
    const b = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}:${unionid}` })
    assert.equal(b.body().user.id, a.body().user.id)
  })

  test('a guest on the device becomes the WeChat account', async ({ client, assert }) => {
    const g = await guest(client)
    const res = await client
      .post('/api/v1/auth/wechat-mp')
      .bearerToken(g.token)
      .json({ code: `ok:o-${id()}` })
    res.assertStatus(200)
    assert.equal(res.body().user.id, g.user.id)
    assert.isFalse(res.body().merged)
  })

  test('a guest signing in to an existing WeChat account is merged', async ({ client, assert }) => {
    const openid = `o-${id()}`
    const account = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:${openid}` })
    const g = await guest(client)
    const res = await client
      .post('/api/v1/auth/wechat-mp')
      .bearerToken(g.token)
      .json({ code: `ok:${openid}:2` })
    assert.equal(res.body().user.id, account.body().user.id)
    assert.isTrue(res.body().merged)
  })

  const errors: [string, number, string][] = [
    ['bad', 400, 'WECHAT_CODE_INVALID'],
    ['used', 400, 'WECHAT_CODE_USED'],
    ['busy', 503, 'WECHAT_BUSY'],
    ['risky', 403, 'WECHAT_USER_BLOCKED'],
    ['limited', 429, 'RATE_LIMITED'],
  ]
  for (const [code, status, errorCode] of errors) {
    test(`errcode for "${code}" → ${status} ${errorCode}`, async ({ client, assert }) => {
      const res = await client.post('/api/v1/auth/wechat-mp').json({ code })
      res.assertStatus(status)
      assert.equal(res.body().error.code, errorCode)
    })
  }

  test('a wrong secret on the server side → 503 WECHAT_NOT_CONFIGURED, not a 500', async ({
    client,
    assert,
  }) => {
    const before = app.config.get<any>('wechat.mp')
    app.config.set('wechat.mp', { ...before, secret: 'wrong' })
    const res = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}` })
    app.config.set('wechat.mp', before)
    res.assertStatus(503)
    assert.equal(res.body().error.code, 'WECHAT_NOT_CONFIGURED')
  })

  test('the phone-number button binds the number WeChat vouches for', async ({
    client,
    assert,
  }) => {
    const login = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}` })
    const digits = uniquePhone().slice(3)
    const res = await client
      .post('/api/v1/auth/wechat-mp/phone')
      .bearerToken(login.body().token)
      .json({ code: `phone:86:${digits}` })
    res.assertStatus(200)
    assert.equal(res.body().user.id, login.body().user.id)
    assert.equal(res.body().user.phone, `${digits.slice(0, 3)}****${digits.slice(-4)}`)
    const call = wechat.calls.filter((c) => c.path === '/wxa/business/getuserphonenumber').at(-1)!
    assert.match(call.query.access_token!, /^wx-access-token/)
  })

  test('a stale access token is refreshed once and the call retried', async ({
    client,
    assert,
  }) => {
    const login = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}` })
    await client
      .post('/api/v1/auth/wechat-mp/phone')
      .bearerToken(login.body().token)
      .json({ code: `phone:86:${uniquePhone().slice(3)}` })
    wechat.rotateToken()
    const other = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:o-${id()}` })
    const res = await client
      .post('/api/v1/auth/wechat-mp/phone')
      .bearerToken(other.body().token)
      .json({ code: `phone:86:${uniquePhone().slice(3)}` })
    res.assertStatus(200)
    assert.isTrue(
      wechat.calls.some((c) => c.path === '/cgi-bin/stable_token' && c.body.force_refresh === true)
    )
  })

  test('binding a number that has an account joins that account (same person on app and mini-program)', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    await client.post('/api/v1/auth/sms-codes').json({ phone })
    const account = await client
      .post('/api/v1/auth/phone')
      .json({ phone, code: sms.lastCodeFor(phone) })
    account.assertStatus(200)
    const openid = `o-${id()}`
    const mp = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:${openid}` })
    const res = await client
      .post('/api/v1/auth/wechat-mp/phone')
      .bearerToken(mp.body().token)
      .json({ code: `phone:86:${phone.slice(3)}` })
    res.assertStatus(200)
    assert.equal(res.body().user.id, account.body().user.id)
    assert.isTrue(res.body().merged)
    assert.isTrue(res.body().user.wechatBound)
    // From now on the WeChat login opens the phone account.
    const again = await client.post('/api/v1/auth/wechat-mp').json({ code: `ok:${openid}:again` })
    assert.equal(again.body().user.id, account.body().user.id)
  })
})
