import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { guest, uniquePhone, useFakeSms } from '#tests/helpers/accounts'

test.group('Phone sign-in', (group) => {
  const sms = useFakeSms(group)
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function requestCode(client: any, phone: string) {
    const res = await client.post('/api/v1/auth/sms-codes').json({ phone })
    res.assertStatus(204)
    const code = sms.lastCodeFor(phone.startsWith('+') ? phone : `+86${phone}`)
    if (!code) throw new Error(`no SMS reached the fake Tencent server for ${phone}`)
    return code
  }

  test('code by SMS, then sign in: a new account with a token', async ({ client, assert }) => {
    const phone = uniquePhone()
    const code = await requestCode(client, phone.replace('+86', ''))
    assert.match(code, /^\d{6}$/)
    assert.deepEqual(sms.sent.at(-1)!.params, [code, '5'])

    const res = await client
      .post('/api/v1/auth/phone')
      .json({ phone: phone.replace('+86', ''), code, platform: 'app-ios' })
    res.assertStatus(200)
    assert.match(res.body().token, /^dju_/)
    assert.isFalse(res.body().user.isGuest)
    assert.equal(res.body().user.phone, `${phone.slice(3, 6)}****${phone.slice(-4)}`)
    assert.isFalse(res.body().merged)
    ;(await client.get('/api/v1/me').bearerToken(res.body().token)).assertStatus(200)

    // The code is single-use.
    const again = await client.post('/api/v1/auth/phone').json({ phone, code })
    again.assertStatus(401)
    assert.equal(again.body().error.code, 'CODE_EXPIRED')
  })

  test('only a keyed hash of the code is stored', async ({ client, assert }) => {
    const phone = uniquePhone()
    const code = await requestCode(client, phone)
    const row = await db.from('sms_codes').where('phone', phone).firstOrFail()
    assert.notInclude(JSON.stringify(row), code)
    assert.match(row.code_hash, /^[0-9a-f]{64}$/)
  })

  test('a second code within 60 s is refused with Retry-After', async ({ client, assert }) => {
    const phone = uniquePhone()
    await requestCode(client, phone)
    const res = await client.post('/api/v1/auth/sms-codes').json({ phone })
    res.assertStatus(429)
    assert.equal(res.body().error.code, 'RATE_LIMITED')
    const retryAfter = Number(res.header('retry-after'))
    assert.isAbove(retryAfter, 50)
    assert.isAtMost(retryAfter, 60)
  })

  test('five wrong codes: the remaining tries count down, then the code is dead', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const code = await requestCode(client, phone)
    const wrong = code === '000000' ? '111111' : '000000'
    for (const remaining of [4, 3, 2, 1]) {
      const res = await client.post('/api/v1/auth/phone').json({ phone, code: wrong })
      res.assertStatus(401)
      assert.equal(res.body().error.code, 'INVALID_CODE')
      assert.equal(res.body().error.details.remainingAttempts, remaining)
    }
    const fifth = await client.post('/api/v1/auth/phone').json({ phone, code: wrong })
    fifth.assertStatus(429)
    assert.equal(fifth.body().error.code, 'CODE_LOCKED')
    const right = await client.post('/api/v1/auth/phone').json({ phone, code })
    right.assertStatus(429)
    assert.equal(right.body().error.code, 'CODE_LOCKED')
  })

  test('an expired code is refused', async ({ client, assert }) => {
    const phone = uniquePhone()
    const code = await requestCode(client, phone)
    await db
      .from('sms_codes')
      .where('phone', phone)
      .update({ expires_at: new Date(Date.now() - 1000) })
    const res = await client.post('/api/v1/auth/phone').json({ phone, code })
    res.assertStatus(401)
    assert.equal(res.body().error.code, 'CODE_EXPIRED')
  })

  test('known and unknown numbers get the same answer', async ({ client, assert }) => {
    const known = uniquePhone()
    const code = await requestCode(client, known)
    ;(await client.post('/api/v1/auth/phone').json({ phone: known, code })).assertStatus(200)
    await db
      .from('sms_codes')
      .where('phone', known)
      .update({ created_at: new Date(Date.now() - 120_000) })
    const a = await client.post('/api/v1/auth/sms-codes').json({ phone: known })
    const b = await client.post('/api/v1/auth/sms-codes').json({ phone: uniquePhone() })
    assert.equal(a.status(), 204)
    assert.equal(b.status(), 204)
    assert.deepEqual(a.body(), b.body())
  })

  test('a number the provider refuses → 422 SMS_NOT_SENT, nothing stored', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    sms.numberCodes.set(phone, 'FailedOperation.PhoneNumberInBlacklist')
    const res = await client.post('/api/v1/auth/sms-codes').json({ phone })
    res.assertStatus(422)
    assert.equal(res.body().error.code, 'SMS_NOT_SENT')
    assert.lengthOf(await db.from('sms_codes').where('phone', phone), 0)
  })

  test('at most 10 codes a day per number', async ({ client, assert }) => {
    const phone = uniquePhone()
    for (let i = 0; i < 10; i++) {
      await requestCode(client, phone)
      await db
        .from('sms_codes')
        .where('phone', phone)
        .update({ created_at: new Date(Date.now() - 120_000) })
    }
    const res = await client.post('/api/v1/auth/sms-codes').json({ phone })
    res.assertStatus(429)
    assert.equal(res.body().error.code, 'RATE_LIMITED')
    assert.isAbove(Number(res.header('retry-after')), 3600)
  }).timeout(30_000)

  test('at most 20 code requests an hour from one IP', async ({ client, assert }) => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`
    for (let i = 0; i < 20; i++) {
      ;(
        await client
          .post('/api/v1/auth/sms-codes')
          .header('x-forwarded-for', ip)
          .json({ phone: uniquePhone() })
      ).assertStatus(204)
    }
    const res = await client
      .post('/api/v1/auth/sms-codes')
      .header('x-forwarded-for', ip)
      .json({ phone: uniquePhone() })
    res.assertStatus(429)
    assert.exists(res.header('retry-after'))
  }).timeout(30_000)

  test('a guest signing in with a new number becomes that account; its device no longer opens it', async ({
    client,
    assert,
  }) => {
    const g = await guest(client)
    const phone = uniquePhone()
    const code = await requestCode(client, phone)
    const res = await client.post('/api/v1/auth/phone').bearerToken(g.token).json({ phone, code })
    res.assertStatus(200)
    assert.equal(res.body().user.id, g.user.id, 'same account, now with a phone')
    assert.equal(res.body().user.nickname, `用户${phone.slice(-4)}`, 'no longer called a guest')
    assert.isFalse(res.body().user.isGuest)
    const again = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: g.deviceId, platform: 'h5' })
    assert.notEqual(
      again.body().user.id,
      g.user.id,
      'the device gets a new guest, not the phone account'
    )
    assert.isTrue(again.body().user.isGuest)
  })

  test('a guest signing in to an existing account is merged into it once', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const first = await client
      .post('/api/v1/auth/phone')
      .json({ phone, code: await requestCode(client, phone) })
    const accountId = first.body().user.id
    await db
      .from('sms_codes')
      .where('phone', phone)
      .update({ created_at: new Date(Date.now() - 120_000) })

    const g = await guest(client)
    const res = await client
      .post('/api/v1/auth/phone')
      .bearerToken(g.token)
      .json({ phone, code: await requestCode(client, phone) })
    res.assertStatus(200)
    assert.equal(res.body().user.id, accountId)
    assert.isTrue(res.body().merged)
    const merge = await db.from('account_merges').where('source_user_id', g.user.id).firstOrFail()
    assert.equal(Number(merge.target_user_id), accountId)
    assert.equal(JSON.parse(merge.moved).devices, 1)
    const source = await db.from('users').where('id', g.user.id).firstOrFail()
    assert.equal(source.status, 'merged')
    ;(await client.get('/api/v1/me').bearerToken(g.token)).assertStatus(401)
  })
})
