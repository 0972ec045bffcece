import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ApiError } from '@/api/http'
import { deductCoins, getWallet, grantCoins } from '@/api/wallets'
import { createSubmissionKeys } from '@/utils/idempotency'
import { startTestApi, type TestApiServer } from './support/api-server'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  await api.close()
})

function requestsTo(path: string) {
  return api.requests.filter((request) => request.path === path)
}

describe('wallets api', () => {
  it('loads the balances and the ledger newest first, following nextCursor', async () => {
    const auth = await signedInClient(api, 'finance@duanju.dev')
    const first = await getWallet(1, { limit: 3 })
    expect(first.wallet).toMatchObject({ paidCoins: 2400, bonusCoins: 500 })
    expect(first.wallet.bonusExpiring.map((lot) => lot.coins)).toEqual([300, 200])
    expect(first.ledger.data.map((entry) => [entry.type, entry.account, entry.amount, entry.balanceAfter])).toEqual([
      ['recharge', 'bonus', 200, 500],
      ['recharge', 'paid', 1800, 2400],
      ['recharge', 'bonus', 300, 300],
    ])
    expect(first.ledger.data[0]?.reference).toEqual({ type: 'order', id: api.finance.orders[2]?.orderNo })
    expect(first.ledger.nextCursor).toBe('2')
    expect(requestsTo('/admin/v1/users/1/wallet').at(-1)?.headers.authorization).toBe(`Bearer ${auth.token}`)

    const second = await getWallet('1', { limit: 3, cursor: first.ledger.nextCursor })
    expect(requestsTo('/admin/v1/users/1/wallet').at(-1)?.query).toEqual({ limit: '3', cursor: '2' })
    expect(second.ledger).toEqual({ data: [expect.objectContaining({ type: 'recharge', account: 'paid', amount: 600 })], nextCursor: null })
  })

  it('reports an unknown viewer as NOT_FOUND without a toast', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    expect(await rejectionOf(getWallet(404))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('grants paid and bonus coins with a trimmed reason and the Idempotency-Key header', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const result = await grantCoins(5, { paid: 100, bonus: 50, bonusExpiresInDays: 7, reason: '  客诉补偿  ' }, 'key-1')
    const request = requestsTo('/admin/v1/users/5/coins/grant').at(-1)
    expect(request?.headers['idempotency-key']).toBe('key-1')
    expect(request?.body).toEqual({ paid: 100, bonus: 50, bonusExpiresInDays: 7, reason: '客诉补偿' })
    expect(result).toMatchObject({ duplicate: false, wallet: { paidCoins: 100, bonusCoins: 50 } })
    const { ledger } = await getWallet(5)
    expect(ledger.data.map((entry) => [entry.type, entry.account, entry.amount, entry.memo])).toEqual([
      ['grant', 'bonus', 50, '客诉补偿'],
      ['grant', 'paid', 100, '客诉补偿'],
    ])
    expect(api.data.audit.at(-1)).toMatchObject({ action: 'coins.grant', target: { type: 'user', id: '5' } })
  })

  it('applies one submission once: the same key again is answered as a duplicate', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const keys = createSubmissionKeys()
    const input = { paid: 100, reason: '活动奖励' }
    // A double click: two requests for the same submission, in flight together.
    const [first, second] = await Promise.all([
      grantCoins(5, input, keys.keyFor({ userId: 5, ...input })),
      grantCoins(5, input, keys.keyFor({ userId: 5, ...input })),
    ])
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true])
    expect(first.transferId).toBe(second.transferId)
    expect(second.wallet.paidCoins).toBe(100)
    const sent = requestsTo('/admin/v1/users/5/coins/grant').map((request) => request.headers['idempotency-key'])
    expect(sent).toHaveLength(2)
    expect(sent[0]).toBe(sent[1])

    // A new submission (the dialog opened again) gets a new key and is applied.
    keys.reset()
    const third = await grantCoins(5, input, keys.keyFor({ userId: 5, ...input }))
    expect(third).toMatchObject({ duplicate: false, wallet: { paidCoins: 200 } })
  })

  it('refuses a grant without coins, and returns field errors', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const empty = (await rejectionOf(grantCoins(5, { reason: '补偿' }, 'key-2'))) as ApiError
    expect(empty).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' })
    expect(empty.fieldErrors.map((field) => field.field)).toEqual(['paid'])
    const bad = (await rejectionOf(grantCoins(5, { paid: 1.5, reason: 'x' }, 'key-3'))) as ApiError
    expect(bad.fieldErrors.map((field) => field.field)).toEqual(['paid', 'reason'])
  })

  it('deducts bonus coins first, then paid ones', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const result = await deductCoins(1, { amount: 700, reason: '误充值扣回' }, 'deduct-1')
    expect(requestsTo('/admin/v1/users/1/coins/deduct').at(-1)).toMatchObject({
      body: { amount: 700, reason: '误充值扣回' },
      headers: { 'idempotency-key': 'deduct-1' },
    })
    expect(result.wallet).toMatchObject({ paidCoins: 2200, bonusCoins: 0 })
    const { ledger } = await getWallet(1, { limit: 2 })
    expect(ledger.data.map((entry) => [entry.type, entry.account, entry.amount])).toEqual([
      ['deduct', 'paid', -200],
      ['deduct', 'bonus', -500],
    ])
  })

  it('answers a deduction larger than the wallet with 402 INSUFFICIENT_COINS and what is available', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const error = (await rejectionOf(deductCoins(2, { amount: 999_999, reason: '扣减' }, 'deduct-2'))) as ApiError
    expect(error).toMatchObject({ status: 402, code: 'INSUFFICIENT_COINS', details: { required: 999_999, available: 6000 } })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('is refused for an admin without finance.manage, even one who manages users', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(getWallet(1))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
    expect(await rejectionOf(grantCoins(1, { paid: 1, reason: '补偿' }, 'key-4'))).toMatchObject({ status: 403 })
  })
})
