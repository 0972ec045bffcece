import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import RechargePackage from '#modules/payments/models/recharge_package'
import Order from '#modules/payments/models/order'
import { OrderService } from '#modules/payments/services/order_service'
import { SandboxProvider } from '#modules/payments/providers/sandbox_provider'
import { WechatPayProvider } from '#modules/payments/providers/wechatpay_provider'
import { NotifyRejectedError } from '#modules/payments/providers/types'
import { WalletService } from '#modules/coins/services/wallet_service'
import { LedgerAuditService } from '#modules/coins/services/ledger_audit_service'
import { FakeWechatPay } from '#tests/fixtures/wechatpay_server'
import { guest, staffToken } from '#tests/helpers/accounts'

const wallet = new WalletService()
const secret = () => app.config.get<string>('payments.sandbox.secret')

async function pack(fields: Partial<RechargePackage> = {}) {
  return RechargePackage.create({
    name: `600金币 ${Date.now()}`,
    priceFen: 600,
    coins: 600,
    bonusCoins: 100,
    bonusExpiresDays: 7,
    firstRechargeBonus: 0,
    platforms: ['h5', 'app-android', 'mp-weixin'],
    sort: 0,
    isActive: true,
    ...fields,
  })
}

function sandboxNotify(orderNo: string, status: string, amountFen: number, key = secret()) {
  return {
    orderNo,
    status,
    amountFen,
    signature: SandboxProvider.sign(key, orderNo, status, amountFen),
  }
}

async function consistent(assert: any) {
  const { problems } = await new LedgerAuditService().run()
  assert.deepEqual(problems, [])
}

test.group('Recharge with the sandbox provider', () => {
  test('packages per platform, order, signed callback → paid and credited once, ×20 replays', async ({
    client,
    assert,
  }) => {
    const p = await pack({ platforms: ['h5', 'app-android'] })
    const viewer = await guest(client)
    const h5 = await client.get('/api/v1/recharge-packages').qs({ platform: 'h5' })
    assert.include(
      h5.body().data.map((x: any) => x.id),
      p.id
    )
    const ios = await client.get('/api/v1/recharge-packages').qs({ platform: 'mp-weixin' })
    assert.notInclude(
      ios.body().data.map((x: any) => x.id),
      p.id,
      'hidden where the operator did not list it'
    )

    const created = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    created.assertStatus(201)
    const { order, payment } = created.body()
    assert.equal(order.state, 'pending')
    assert.equal(order.amountFen, 600)
    assert.match(order.orderNo, /^DJ\d{22}$/)
    assert.equal(payment.confirmPath, `/api/v1/payments/sandbox/orders/${order.orderNo}/confirm`)

    const notify = sandboxNotify(order.orderNo, 'paid', 600)
    // The provider redelivers the same callback: 20 times, one after another.
    const replies = []
    for (let i = 0; i < 20; i++)
      replies.push(await client.post('/api/v1/payments/sandbox/notify').json(notify))
    for (const r of replies) r.assertStatus(200)
    const wallet1 = await client.get('/api/v1/wallet').bearerToken(viewer.token)
    assert.deepInclude(wallet1.body(), { paidCoins: 600, bonusCoins: 100 })
    const after = await client.get(`/api/v1/orders/${order.orderNo}`).bearerToken(viewer.token)
    assert.equal(after.body().order.state, 'paid')
    const outcomes = (await db.from('payment_callbacks').where('order_no', order.orderNo)).map(
      (c) => c.outcome
    )
    assert.lengthOf(outcomes, 20)
    assert.lengthOf(
      outcomes.filter((o) => o === 'paid'),
      1
    )
    assert.lengthOf(
      outcomes.filter((o) => o === 'duplicate'),
      19
    )
    await consistent(assert)
  }).timeout(30_000)

  test('a tampered or wrongly signed callback is rejected and changes nothing', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const viewer = await guest(client)
    const { order } = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body()
    const tamperedAmount = { ...sandboxNotify(order.orderNo, 'paid', 600), amountFen: 1 }
    const wrongKey = sandboxNotify(order.orderNo, 'paid', 600, 'not-the-secret')
    for (const body of [tamperedAmount, wrongKey, { orderNo: order.orderNo }]) {
      const res = await client.post('/api/v1/payments/sandbox/notify').json(body)
      res.assertStatus(400)
    }
    const malformed = await client
      .post('/api/v1/payments/sandbox/notify')
      .header('content-type', 'application/json')
      .unsafeJson('{"orderNo":')
    assert.oneOf(malformed.status(), [400])
    assert.equal((await Order.findByOrFail('order_no', order.orderNo)).state, 'pending')
    assert.deepInclude(await wallet.summary(viewer.user.id), { paidCoins: 0 })
    const rejected = await db
      .from('payment_callbacks')
      .where('verified', false)
      .where('outcome', 'like', 'rejected%')
    assert.isAtLeast(rejected.length, 3)
  })

  test('a signed callback with the wrong amount is acknowledged but not credited', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const viewer = await guest(client)
    const { order } = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body()
    const res = await client
      .post('/api/v1/payments/sandbox/notify')
      .json(sandboxNotify(order.orderNo, 'paid', 1))
    res.assertStatus(200)
    assert.equal((await Order.findByOrFail('order_no', order.orderNo)).state, 'pending')
    const cb = await db.from('payment_callbacks').where('order_no', order.orderNo).firstOrFail()
    assert.equal(cb.outcome, 'amount_mismatch')
  })

  test('the sandbox cashier pays through the same notify path; first recharge gets its bonus', async ({
    client,
    assert,
  }) => {
    const p = await pack({ firstRechargeBonus: 50 })
    const viewer = await guest(client)
    const first = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body()
    assert.equal(first.order.bonusCoins, 150)
    const paid = await client
      .post(first.payment.confirmPath)
      .bearerToken(viewer.token)
      .json({ result: 'paid' })
    paid.assertStatus(200)
    assert.equal(paid.body().order.state, 'paid')
    const second = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body()
    assert.equal(second.order.bonusCoins, 100, 'the first-recharge bonus is for the first one only')
    const other = await guest(client)
    ;(
      await client
        .post(second.payment.confirmPath)
        .bearerToken(other.token)
        .json({ result: 'paid' })
    ).assertStatus(404)
  })

  test('reconciliation settles an order whose callback was lost, once, and closes expired ones', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const viewer = await guest(client)
    const lost = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body().order
    const abandoned = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body().order
    // The sandbox recorded the payment, but its callback never arrived.
    await db
      .table('sandbox_payments')
      .insert({ order_no: lost.orderNo, status: 'paid', amount_fen: 600, created_at: new Date() })
    const later = DateTime.utc().plus({ minutes: 30 })
    const service = new OrderService()
    const report = await service.reconcile(later)
    assert.isAtLeast(report.paid, 1)
    assert.equal((await Order.findByOrFail('order_no', lost.orderNo)).state, 'paid')
    assert.equal((await Order.findByOrFail('order_no', abandoned.orderNo)).state, 'closed')
    await service.reconcile(later)
    assert.deepInclude(await wallet.summary(viewer.user.id), { paidCoins: 600 })
    // A late callback for the lost order is a duplicate now.
    await client
      .post('/api/v1/payments/sandbox/notify')
      .json(sandboxNotify(lost.orderNo, 'paid', 600))
    assert.deepInclude(await wallet.summary(viewer.user.id), { paidCoins: 600 })
    await consistent(assert)
  })

  test('refunds reverse the credit; spent coins block them unless forced', async ({
    client,
    assert,
  }) => {
    const p = await pack({ bonusCoins: 0 })
    const finance = await staffToken(client, 'finance')
    const viewer = await guest(client)
    const buy = async () => {
      const { order, payment } = (
        await client
          .post('/api/v1/orders')
          .bearerToken(viewer.token)
          .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
      ).body()
      await client.post(payment.confirmPath).bearerToken(viewer.token).json({ result: 'paid' })
      return order.orderNo as string
    }
    const a = await buy()
    const refund = await client
      .post(`/admin/v1/orders/${a}/refund`)
      .bearerToken(finance)
      .json({ reason: '用户误充值' })
    refund.assertStatus(200)
    assert.equal(refund.body().order.state, 'refunded')
    assert.deepInclude(await wallet.summary(viewer.user.id), { paidCoins: 0 })
    ;(
      await client
        .post(`/admin/v1/orders/${a}/refund`)
        .bearerToken(finance)
        .json({ reason: 'again' })
    ).assertStatus(409)

    const b = await buy()
    await wallet.spend({
      userId: viewer.user.id,
      amount: 500,
      idempotencyKey: `spend-${b}`,
      reference: { type: 'episode', id: 1 },
    })
    const blocked = await client
      .post(`/admin/v1/orders/${b}/refund`)
      .bearerToken(finance)
      .json({ reason: '重复扣款' })
    blocked.assertStatus(409)
    assert.equal(blocked.body().error.code, 'COINS_ALREADY_SPENT')
    assert.deepInclude(blocked.body().error.details, { credited: 600, recoverable: 100 })
    const forced = await client
      .post(`/admin/v1/orders/${b}/refund`)
      .bearerToken(finance)
      .json({ reason: '重复扣款，强制退款', force: true })
    forced.assertStatus(200)
    const detail = await client.get(`/admin/v1/orders/${b}`).bearerToken(finance)
    assert.deepEqual(
      detail.body().ledger.map((e: any) => `${e.type}:${e.account}:${e.amount}`),
      [
        `recharge:user:${viewer.user.id}:paid:600`,
        'recharge:platform:payments:-600',
        `refund:user:${viewer.user.id}:paid:-100`,
        'refund:platform:refunds:100',
      ]
    )
    assert.lengthOf(detail.body().callbacks, 1)
    assert.deepEqual([forced.body().recovered, forced.body().shortfall], [100, 500])
    assert.deepInclude(await wallet.summary(viewer.user.id), { paidCoins: 0 })
    ;(
      await client
        .post(`/admin/v1/orders/${b}/refund`)
        .bearerToken(await staffToken(client, 'operator'))
        .json({ reason: 'xx' })
    ).assertStatus(403)
    await consistent(assert)
  })

  test('at most 5 unpaid orders an hour per viewer', async ({ client, assert }) => {
    const p = await pack()
    const viewer = await guest(client)
    for (let i = 0; i < 5; i++) {
      ;(
        await client
          .post('/api/v1/orders')
          .bearerToken(viewer.token)
          .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
      ).assertStatus(201)
    }
    const sixth = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    sixth.assertStatus(429)
    assert.equal(sixth.body().error.code, 'RATE_LIMITED')
  })

  test('the methods offered per platform are the configured ones that work there', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(
      (await client.get('/api/v1/payments/providers').qs({ platform: 'h5' })).body().data,
      ['sandbox']
    )
    assert.deepEqual(
      (await client.get('/api/v1/payments/providers').qs({ platform: 'app-ios' })).body().data,
      ['sandbox']
    )
    ;(await client.get('/api/v1/payments/providers').qs({ platform: 'pc' })).assertStatus(422)
  })

  test('_params: orders and packages', async ({ client, assert }) => {
    const viewer = await guest(client)
    const p = await pack({ platforms: ['h5'] })
    ;(await client.post('/api/v1/orders').json({})).assertStatus(401)
    for (const body of [
      {},
      { kind: 'gift', itemId: p.id, provider: 'sandbox', platform: 'h5' },
      { kind: 'recharge', itemId: 'x', provider: 'sandbox', platform: 'h5' },
      { kind: 'recharge', itemId: p.id, provider: 'paypal', platform: 'h5' },
    ]) {
      const res = await client.post('/api/v1/orders').bearerToken(viewer.token).json(body)
      res.assertStatus(422)
    }
    const wrongPlatform = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'app-ios' })
    wrongPlatform.assertStatus(404)
    const noProvider = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'alipay', platform: 'h5' })
    noProvider.assertStatus(404)
    assert.equal(noProvider.body().error.code, 'PROVIDER_UNAVAILABLE')
    ;(await client.get('/api/v1/recharge-packages')).assertStatus(422)
    ;(await client.get('/api/v1/orders/DJ000').bearerToken(viewer.token)).assertStatus(404)
    ;(await client.post('/api/v1/payments/unknown/notify').json({})).assertStatus(404)
  })
})

test.group('WeChat Pay v3', (group) => {
  const fake = new FakeWechatPay()
  group.setup(async () => {
    const before = app.config.get('payments.wechatpay')
    app.config.set('payments.wechatpay', fake.config(await fake.start()))
    return async () => {
      app.config.set('payments.wechatpay', before)
      await fake.stop()
    }
  })

  test('notification verification: valid, tampered body, wrong key, stale timestamp, wrong APIv3 key, other merchant', async ({
    assert,
  }) => {
    const provider = new WechatPayProvider(fake.config('http://unused'))
    const good = fake.notification({ out_trade_no: 'DJ1', total: 600 })
    const outcome = await provider.verifyNotify({ headers: good.headers, rawBody: good.body })
    assert.deepInclude(outcome, { orderNo: 'DJ1', status: 'paid', amountFen: 600 })

    const reject = async (request: { headers: Record<string, string>; rawBody: string }) => {
      const error = await provider.verifyNotify(request).catch((e) => e)
      assert.instanceOf(error, NotifyRejectedError)
      return error.message
    }
    assert.match(
      await reject({
        headers: good.headers,
        rawBody: good.body.replace('"summary":"支付成功"', '"summary":"hacked"'),
      }),
      /bad signature/
    )
    const wrongKey = fake.notification(
      { out_trade_no: 'DJ1', total: 600 },
      { signWith: fake.merchant.privateKey }
    )
    assert.match(
      await reject({ headers: wrongKey.headers, rawBody: wrongKey.body }),
      /bad signature/
    )
    const stale = fake.notification(
      { out_trade_no: 'DJ1', total: 600 },
      { timestamp: Math.floor(Date.now() / 1000) - 600 }
    )
    assert.match(await reject({ headers: stale.headers, rawBody: stale.body }), /stale/)
    const badAead = fake.notification({ out_trade_no: 'DJ1', total: 600 }, { key: 'z'.repeat(32) })
    assert.match(await reject({ headers: badAead.headers, rawBody: badAead.body }), /decrypt/)
    const otherMerchant = fake.notification(
      { out_trade_no: 'DJ1', total: 600 },
      { mchid: '1234567890' }
    )
    assert.match(
      await reject({ headers: otherMerchant.headers, rawBody: otherMerchant.body }),
      /merchant/
    )
    assert.match(
      await reject({
        headers: { ...good.headers, 'wechatpay-serial': 'OTHER' },
        rawBody: good.body,
      }),
      /serial/
    )
  })

  test('JSAPI order signed with the merchant key, paySign for the client, callback credits once', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const login = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: `wxpay-${Date.now()}`, platform: 'mp-weixin' })
    await db
      .from('users')
      .where('id', login.body().user.id)
      .update({ wechat_openid: `o-${Date.now()}` })
    const created = await client
      .post('/api/v1/orders')
      .bearerToken(login.body().token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'wechatpay', platform: 'mp-weixin' })
    created.assertStatus(201)
    const { order, payment } = created.body()
    assert.match(payment.package, /^prepay_id=wx/)
    assert.equal(payment.signType, 'RSA')
    const { createVerify } = await import('node:crypto')
    assert.isTrue(
      createVerify('RSA-SHA256')
        .update(`${fake.appid}\n${payment.timeStamp}\n${payment.nonceStr}\n${payment.package}\n`)
        .verify(fake.merchant.publicKey, payment.paySign, 'base64'),
      'paySign verifies with the merchant public key'
    )
    const sent = fake.requests.find((r) => r.body?.out_trade_no === order.orderNo)!
    assert.deepEqual(sent.body.amount, { total: 600, currency: 'CNY' })

    const n = fake.notification({ out_trade_no: order.orderNo, total: 600 })
    for (let i = 0; i < 3; i++) {
      const res = await client
        .post('/api/v1/payments/wechatpay/notify')
        .headers(n.headers)
        .header('content-type', 'application/json')
        .unsafeJson(n.body)
      res.assertStatus(204)
    }
    const bad = await client
      .post('/api/v1/payments/wechatpay/notify')
      .headers({ ...n.headers, 'wechatpay-signature': 'AAAA' })
      .unsafeJson(n.body)
    bad.assertStatus(400)
    assert.equal(bad.body().code, 'FAIL')
    assert.deepInclude(await wallet.summary(login.body().user.id), {
      paidCoins: 600,
      bonusCoins: 100,
    })
  })

  test('reconciliation asks WeChat Pay (order query) and settles a missed callback', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const login = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: `wxrec-${Date.now()}`, platform: 'app-android' })
    const { order, payment } = (
      await client
        .post('/api/v1/orders')
        .bearerToken(login.body().token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'wechatpay', platform: 'app-android' })
    ).body()
    assert.equal(payment.package, 'Sign=WXPay')
    fake.states.set(order.orderNo, { state: 'SUCCESS', total: 600 })
    await new OrderService().reconcile(DateTime.utc().plus({ minutes: 10 }))
    assert.equal((await Order.findByOrFail('order_no', order.orderNo)).state, 'paid')
    assert.isTrue(
      fake.requests.some(
        (r) => r.method === 'GET' && r.path === `/v3/pay/transactions/out-trade-no/${order.orderNo}`
      )
    )
    assert.equal(fake.rejected, 0, 'every request we sent carried a valid merchant signature')
    await consistent(assert)
  })
})

test.group('Daily payment report', () => {
  test('lists paid totals and every mismatch of the business day', async ({ client, assert }) => {
    const p = await pack()
    const viewer = await guest(client)
    const paidOrder = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body()
    await client
      .post(paidOrder.payment.confirmPath)
      .bearerToken(viewer.token)
      .json({ result: 'paid' })
    const wrong = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'sandbox', platform: 'h5' })
    ).body().order
    await client
      .post('/api/v1/payments/sandbox/notify')
      .json(sandboxNotify(wrong.orderNo, 'paid', 1))
    await client
      .post('/api/v1/payments/sandbox/notify')
      .json(sandboxNotify(wrong.orderNo, 'paid', 600, 'forged'))

    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!
    const finance = await staffToken(client, 'finance')
    const res = await client
      .get('/admin/v1/payments/reports')
      .qs({ day: today })
      .bearerToken(finance)
    res.assertStatus(200)
    const { report } = res.body()
    assert.isAtLeast(report.paid.find((r: any) => r.provider === 'sandbox').orders, 1)
    assert.isTrue(
      report.mismatches.some(
        (m: any) => m.kind === 'amount_mismatch' && m.orderNo === wrong.orderNo
      )
    )
    assert.isTrue(report.mismatches.some((m: any) => m.kind === 'rejected_callback'))
    assert.notInclude(
      report.mismatches.map((m: any) => m.orderNo),
      paidOrder.order.orderNo
    )
    ;(
      await client.get('/admin/v1/payments/reports').qs({ day: 'yesterday' }).bearerToken(finance)
    ).assertStatus(422)
    ;(
      await client
        .get('/admin/v1/payments/reports')
        .qs({ day: today })
        .bearerToken(await staffToken(client, 'operator'))
    ).assertStatus(403)
  })
})
