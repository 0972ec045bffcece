import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import User from '#modules/users/models/user'
import { WalletService } from '#modules/coins/services/wallet_service'
import { LedgerAuditService } from '#modules/coins/services/ledger_audit_service'
import CoinsAudit from '#commands/coins_audit'
import { guest, staffToken } from '#tests/helpers/accounts'
import { dbTime } from '#core/database/time'

const wallet = new WalletService()
let keySeq = 0
const key = (label: string) => `${label}:${Date.now()}:${keySeq++}`

async function viewer() {
  return User.create({
    nickname: 'coin tester',
    isGuest: false,
    status: 'active',
    settings: {},
    signupPlatform: 'h5',
  })
}

async function assertLedgerConsistent(assert: any) {
  const { problems } = await new LedgerAuditService().run()
  assert.deepEqual(problems, [], 'coins:audit invariants')
}

test.group('Wallet ledger', () => {
  test('100 concurrent spends against a balance that covers 40: exactly 40 succeed, none lost', async ({
    assert,
  }) => {
    const user = await viewer()
    await wallet.credit({
      userId: user.id,
      paid: 400,
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('seed'),
    })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        wallet.spend({
          userId: user.id,
          amount: 10,
          idempotencyKey: key(`spend-${i}`),
          reference: { type: 'episode', id: i },
        })
      )
    )
    const ok = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[]
    assert.lengthOf(ok, 40)
    assert.lengthOf(refused, 60)
    for (const r of refused) assert.equal(r.reason.code, 'INSUFFICIENT_COINS')
    const summary = await wallet.summary(user.id)
    assert.equal(summary.paidCoins, 0)
    assert.equal(summary.bonusCoins, 0)
    await assertLedgerConsistent(assert)
  }).timeout(60_000)

  test('concurrent credits and spends interleave without a lost update', async ({ assert }) => {
    const user = await viewer()
    await wallet.credit({
      userId: user.id,
      paid: 100,
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('seed'),
    })
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        wallet.credit({
          userId: user.id,
          paid: 7,
          source: 'payments',
          type: 'recharge',
          idempotencyKey: key(`c${i}`),
        })
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        wallet.spend({
          userId: user.id,
          amount: 3,
          idempotencyKey: key(`s${i}`),
          reference: { type: 'episode', id: i },
        })
      ),
    ])
    assert.equal((await wallet.summary(user.id)).paidCoins, 100 + 30 * 7 - 30 * 3)
    await assertLedgerConsistent(assert)
  }).timeout(60_000)

  test('the same idempotency key applied twice changes nothing the second time', async ({
    assert,
  }) => {
    const user = await viewer()
    const k = key('recharge')
    const first = await wallet.credit({
      userId: user.id,
      paid: 500,
      source: 'payments',
      type: 'recharge',
      idempotencyKey: k,
    })
    const again = await wallet.credit({
      userId: user.id,
      paid: 500,
      source: 'payments',
      type: 'recharge',
      idempotencyKey: k,
    })
    assert.isFalse(first.duplicate)
    assert.isTrue(again.duplicate)
    assert.equal(again.transferId, first.transferId)
    assert.equal((await wallet.summary(user.id)).paidCoins, 500)

    const s = key('unlock')
    const twenty = await Promise.all(
      Array.from({ length: 20 }, () =>
        wallet.spend({
          userId: user.id,
          amount: 60,
          idempotencyKey: s,
          reference: { type: 'episode', id: 1 },
        })
      )
    )
    assert.lengthOf(
      twenty.filter((r) => !r.duplicate),
      1
    )
    assert.equal((await wallet.summary(user.id)).paidCoins, 440)

    const misuse = await wallet
      .spend({
        userId: (await viewer()).id,
        amount: 1,
        idempotencyKey: s,
        reference: { type: 'episode', id: 1 },
      })
      .catch((e) => e)
    assert.equal(misuse.code, 'IDEMPOTENCY_CONFLICT')
    await assertLedgerConsistent(assert)
  }).timeout(30_000)

  test('bonus coins go first, earliest expiry first, then paid coins', async ({ assert }) => {
    const user = await viewer()
    const soon = DateTime.utc().plus({ days: 1 })
    const later = DateTime.utc().plus({ days: 10 })
    await wallet.credit({
      userId: user.id,
      paid: 100,
      bonus: [
        { amount: 30, expiresAt: later },
        { amount: 20, expiresAt: soon },
      ],
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('pack'),
    })
    const summary = await wallet.summary(user.id)
    assert.equal(summary.bonusCoins, 50)
    assert.deepEqual(
      summary.bonusExpiring.map((b) => b.coins),
      [20, 30]
    )

    const first = await wallet.spend({
      userId: user.id,
      amount: 25,
      idempotencyKey: key('a'),
      reference: { type: 'episode', id: 1 },
    })
    assert.deepEqual([first.fromBonus, first.fromPaid], [25, 0])
    assert.deepEqual(
      (await wallet.summary(user.id)).bonusExpiring.map((b) => b.coins),
      [25],
      'the soon lot is gone, 5 taken from the later one'
    )
    const second = await wallet.spend({
      userId: user.id,
      amount: 40,
      idempotencyKey: key('b'),
      reference: { type: 'episode', id: 2 },
    })
    assert.deepEqual([second.fromBonus, second.fromPaid], [25, 15])
    const after = await wallet.summary(user.id)
    assert.deepEqual([after.paidCoins, after.bonusCoins], [85, 0])
    await assertLedgerConsistent(assert)
  })

  test('expired bonus coins cannot be spent and are swept by the expiry job into entries', async ({
    assert,
  }) => {
    const user = await viewer()
    await wallet.credit({
      userId: user.id,
      paid: 10,
      bonus: [{ amount: 50, expiresAt: DateTime.utc().plus({ seconds: 1 }) }],
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('e'),
    })
    await db
      .from('coin_bonus_lots')
      .where('user_id', user.id)
      .update({ expires_at: dbTime(DateTime.utc().minus({ minutes: 1 })) })
    assert.equal((await wallet.summary(user.id)).bonusCoins, 0)
    const refused = await wallet
      .spend({
        userId: user.id,
        amount: 30,
        idempotencyKey: key('x'),
        reference: { type: 'episode', id: 1 },
      })
      .catch((e) => e)
    assert.equal(refused.code, 'INSUFFICIENT_COINS')
    assert.deepEqual(refused.details, { required: 30, available: 10 })

    assert.isAtLeast(await wallet.expireLots(), 50)
    assert.equal(await wallet.expireLots(), 0, 'a second sweep finds nothing')
    const ledger = await wallet.ledger(user.id, 10)
    const expiry = ledger.data.find((e) => e.type === 'expire')!
    assert.deepEqual([expiry.account, expiry.amount, expiry.balanceAfter], ['bonus', -50, 0])
    await assertLedgerConsistent(assert)
  })

  test('a guest’s coins move to the account it merges into', async ({ client, assert }) => {
    const g = await guest(client)
    await wallet.credit({
      userId: g.user.id,
      paid: 120,
      bonus: [{ amount: 30, expiresAt: DateTime.utc().plus({ days: 5 }) }],
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('g'),
    })
    const account = await viewer()
    const { AccountMergeService } = await import('#modules/users/services/account_merge_service')
    const source = await User.findOrFail(g.user.id)
    const moved = await db.transaction((trx) =>
      new AccountMergeService().merge(source, account, trx)
    )
    assert.equal(moved!.coins, 150)
    const after = await wallet.summary(account.id)
    assert.deepEqual([after.paidCoins, after.bonusCoins], [120, 30])
    assert.deepEqual(
      [(await wallet.summary(g.user.id)).paidCoins, (await wallet.summary(g.user.id)).bonusCoins],
      [0, 0]
    )
    await assertLedgerConsistent(assert)
  })

  test('node ace coins:audit passes on a consistent ledger and fails on a tampered one', async ({
    assert,
  }) => {
    const ok = await ace.create(CoinsAudit, [])
    await ok.exec()
    ok.assertSucceeded()

    const user = await viewer()
    await wallet.credit({
      userId: user.id,
      paid: 10,
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('t'),
    })
    const account = await db
      .from('coin_accounts')
      .where('key', `user:${user.id}:paid`)
      .firstOrFail()
    await db.from('coin_accounts').where('id', account.id).update({ balance: 999 })
    const bad = await ace.create(CoinsAudit, [])
    await bad.exec()
    bad.assertFailed()
    const { problems } = await new LedgerAuditService().run()
    assert.deepInclude(problems, {
      check: 'cached_balance',
      detail: `user:${user.id}:paid: cached 999, entries sum 10`,
    })
    await db.from('coin_accounts').where('id', account.id).update({ balance: 10 })
    await assertLedgerConsistent(assert)
  })
})

test.group('Wallet API', () => {
  test('GET /wallet and /wallet/ledger show the caller’s own coins', async ({ client, assert }) => {
    const me = await guest(client)
    const other = await guest(client)
    await wallet.credit({
      userId: me.user.id,
      paid: 300,
      bonus: [{ amount: 50, expiresAt: DateTime.utc().plus({ days: 7 }) }],
      source: 'payments',
      type: 'recharge',
      idempotencyKey: key('api'),
    })
    const res = await client.get('/api/v1/wallet').bearerToken(me.token)
    res.assertStatus(200)
    assert.deepInclude(res.body(), { paidCoins: 300, bonusCoins: 50, points: 0 })
    assert.lengthOf(res.body().bonusExpiring, 1)
    const ledger = await client.get('/api/v1/wallet/ledger').bearerToken(me.token)
    assert.sameMembers(
      ledger.body().data.map((e: any) => `${e.account}:${e.amount}`),
      ['paid:300', 'bonus:50']
    )
    const theirs = await client.get('/api/v1/wallet').bearerToken(other.token)
    assert.deepInclude(theirs.body(), { paidCoins: 0, bonusCoins: 0 })
    ;(await client.get('/api/v1/wallet')).assertStatus(401)
    ;(
      await client.get('/api/v1/wallet/ledger').qs({ limit: 0 }).bearerToken(me.token)
    ).assertStatus(422)
  })

  test('finance grants and deducts with a reason, once per Idempotency-Key, audited; others may not', async ({
    client,
    assert,
  }) => {
    const viewerSession = await guest(client)
    const finance = await staffToken(client, 'finance')
    const grant = () =>
      client
        .post(`/admin/v1/users/${viewerSession.user.id}/coins/grant`)
        .bearerToken(finance)
        .header('idempotency-key', 'grant-once-' + viewerSession.user.id)
        .json({ paid: 100, bonus: 20, bonusExpiresInDays: 3, reason: '补偿：播放故障' })
    const first = await grant()
    first.assertStatus(200)
    const second = await grant()
    assert.isTrue(second.body().duplicate)
    assert.deepInclude(second.body().wallet, { paidCoins: 100, bonusCoins: 20 })

    const deduct = await client
      .post(`/admin/v1/users/${viewerSession.user.id}/coins/deduct`)
      .bearerToken(finance)
      .json({ amount: 500, reason: '误发回收' })
    deduct.assertStatus(402)
    assert.equal(deduct.body().error.code, 'INSUFFICIENT_COINS')
    ;(
      await client
        .post(`/admin/v1/users/${viewerSession.user.id}/coins/deduct`)
        .bearerToken(finance)
        .json({ amount: 30, reason: '误发回收' })
    ).assertStatus(200)
    const view = await client
      .get(`/admin/v1/users/${viewerSession.user.id}/wallet`)
      .bearerToken(finance)
    assert.deepInclude(view.body().wallet, { paidCoins: 90, bonusCoins: 0 })

    const audit = await client
      .get('/admin/v1/audit-logs')
      .qs({ targetType: 'user', targetId: String(viewerSession.user.id) })
      .bearerToken(await staffToken(client, 'admin'))
    assert.sameMembers(
      audit.body().data.map((e: any) => e.action),
      ['coins.grant', 'coins.deduct']
    )

    for (const role of ['operator', 'reviewer'] as const) {
      ;(
        await client
          .post(`/admin/v1/users/${viewerSession.user.id}/coins/grant`)
          .bearerToken(await staffToken(client, role))
          .json({ paid: 1, reason: 'xx' })
      ).assertStatus(403)
    }
    for (const body of [
      { reason: 'no coins' },
      { paid: -5, reason: 'neg' },
      { paid: 1.5, reason: 'frac' },
      { paid: 5 },
    ]) {
      ;(
        await client
          .post(`/admin/v1/users/${viewerSession.user.id}/coins/grant`)
          .bearerToken(finance)
          .json(body)
      ).assertStatus(422)
    }
    ;(
      await client
        .post('/admin/v1/users/99999999/coins/grant')
        .bearerToken(finance)
        .json({ paid: 1, reason: 'ghost' })
    ).assertStatus(404)
  })
})
