import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/users/models/user'
import { AccountMergeService } from '#modules/users/services/account_merge_service'
import { accountMergers } from '#modules/users/services/account_mergers'

/** A stand-in for another module's per-user data (e.g. watch history), moved by a merger. */
const ledger = new Map<number, number>()
accountMergers.register('test_points', async (sourceId, targetId) => {
  const points = ledger.get(sourceId) ?? 0
  if (!points) return 0
  ledger.set(targetId, (ledger.get(targetId) ?? 0) + points)
  ledger.delete(sourceId)
  return 1
})

async function makeUser(isGuest: boolean) {
  return User.create({
    nickname: isGuest ? 'g' : 'a',
    isGuest,
    status: 'active',
    settings: {},
    signupPlatform: 'h5',
  })
}

test.group('Guest → account merge', () => {
  test('ten concurrent sign-ins merge the guest exactly once', async ({ assert }) => {
    const guest = await makeUser(true)
    const account = await makeUser(false)
    ledger.set(guest.id, 70)
    await db.table('user_devices').insert({
      user_id: guest.id,
      platform: 'h5',
      device_id: `race-${guest.id}`,
      created_at: new Date(),
      last_seen_at: new Date(),
    })

    const service = new AccountMergeService()
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (trx) => {
          const source = await User.query({ client: trx }).where('id', guest.id).firstOrFail()
          const target = await User.query({ client: trx }).where('id', account.id).firstOrFail()
          return service.merge(source, target, trx)
        })
      )
    )
    const applied = outcomes.filter((o) => o !== null)
    assert.lengthOf(applied, 1)
    assert.deepInclude(applied[0], { devices: 1, test_points: 1 })
    assert.equal(ledger.get(account.id), 70, 'points moved once, not ten times')
    assert.isUndefined(ledger.get(guest.id))
    const merges = await db.from('account_merges').where('source_user_id', guest.id)
    assert.lengthOf(merges, 1)
    await guest.refresh()
    assert.equal(guest.status, 'merged')
    assert.equal(guest.mergedIntoId, account.id)
  }).timeout(20_000)

  test('a real account is never merged into another', async ({ assert }) => {
    const a = await makeUser(false)
    const b = await makeUser(false)
    const result = await db.transaction((trx) => new AccountMergeService().merge(a, b, trx))
    assert.isNull(result)
    assert.lengthOf(await db.from('account_merges').where('source_user_id', a.id), 0)
  })
})
