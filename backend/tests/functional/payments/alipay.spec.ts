import { test } from '@japa/runner'
import { createVerify } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import RechargePackage from '#modules/payments/models/recharge_package'
import Order from '#modules/payments/models/order'
import { AlipayProvider, alipaySigningString } from '#modules/payments/providers/alipay_provider'
import { NotifyRejectedError } from '#modules/payments/providers/types'
import { OrderService } from '#modules/payments/services/order_service'
import { WalletService } from '#modules/coins/services/wallet_service'
import { FakeAlipay } from '#tests/fixtures/alipay_server'
import { guest, staffToken } from '#tests/helpers/accounts'

test.group('Alipay (RSA2)', (group) => {
  const fake = new FakeAlipay()
  let gateway = ''
  group.setup(async () => {
    gateway = await fake.start()
    const before = app.config.get('payments.alipay')
    app.config.set('payments.alipay', fake.config(gateway))
    return async () => {
      app.config.set('payments.alipay', before)
      await fake.stop()
    }
  })

  async function pack() {
    return RechargePackage.create({
      name: `alipay ${Date.now()}`,
      priceFen: 1800,
      coins: 1800,
      bonusCoins: 0,
      bonusExpiresDays: 30,
      firstRechargeBonus: 0,
      platforms: ['h5', 'app-android'],
      sort: 0,
      isActive: true,
    })
  }

  test('notification verification: valid, tampered, wrong key, other app', async ({ assert }) => {
    const provider = new AlipayProvider(fake.config(gateway))
    const body = fake.notification({ out_trade_no: 'DJ9', total_amount: '18.00' })
    assert.deepInclude(await provider.verifyNotify({ headers: {}, rawBody: body }), {
      orderNo: 'DJ9',
      status: 'paid',
      amountFen: 1800,
    })
    const reject = async (rawBody: string) => {
      const error = await provider.verifyNotify({ headers: {}, rawBody }).catch((e) => e)
      assert.instanceOf(error, NotifyRejectedError)
      return error.message
    }
    assert.match(
      await reject(body.replace('total_amount=18.00', 'total_amount=0.01')),
      /bad signature/
    )
    assert.match(
      await reject(
        fake.notification({ out_trade_no: 'DJ9', total_amount: '18.00' }, fake.app.privateKey)
      ),
      /bad signature/
    )
    assert.match(
      await reject(
        fake.notification({ out_trade_no: 'DJ9', total_amount: '18.00', app_id: '2021999' })
      ),
      /app_id/
    )
    assert.match(await reject('out_trade_no=DJ9&total_amount=18.00'), /missing sign/)
  })

  test('H5 and app orders are signed for the client; the notify credits once and answers "success"', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const viewer = await guest(client)
    const h5 = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'alipay', platform: 'h5' })
    h5.assertStatus(201)
    const url = new URL(h5.body().payment.payUrl)
    const params = Object.fromEntries(url.searchParams) as Record<string, string>
    assert.equal(params.method, 'alipay.trade.wap.pay')
    assert.equal(JSON.parse(params.biz_content!).total_amount, '18.00')
    assert.isTrue(
      createVerify('RSA-SHA256')
        .update(alipaySigningString(params))
        .verify(fake.app.publicKey, params.sign!, 'base64')
    )

    const appOrder = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: p.id, provider: 'alipay', platform: 'app-android' })
    assert.include(appOrder.body().payment.orderInfo, 'method=alipay.trade.app.pay')

    const orderNo = h5.body().order.orderNo
    const form = fake.notification({ out_trade_no: orderNo, total_amount: '18.00' })
    for (let i = 0; i < 3; i++) {
      const res = await client
        .post('/api/v1/payments/alipay/notify')
        .header('content-type', 'application/x-www-form-urlencoded')
        .unsafeForm(form)
      res.assertStatus(200)
      assert.equal(res.text(), 'success')
    }
    const forged = await client
      .post('/api/v1/payments/alipay/notify')
      .header('content-type', 'application/x-www-form-urlencoded')
      .unsafeForm(form.replace('trade_status=TRADE_SUCCESS', 'trade_status=TRADE_FINISHED'))
    assert.equal(forged.text(), 'fail')
    assert.deepInclude(await new WalletService().summary(viewer.user.id), { paidCoins: 1800 })
  })

  test('reconciliation uses trade.query (signed response); refunds call trade.refund', async ({
    client,
    assert,
  }) => {
    const p = await pack()
    const viewer = await guest(client)
    const { order } = (
      await client
        .post('/api/v1/orders')
        .bearerToken(viewer.token)
        .json({ kind: 'recharge', itemId: p.id, provider: 'alipay', platform: 'h5' })
    ).body()
    fake.trades.set(order.orderNo, { status: 'TRADE_SUCCESS', total: '18.00' })
    await new OrderService().reconcile(DateTime.utc().plus({ minutes: 10 }))
    assert.equal((await Order.findByOrFail('order_no', order.orderNo)).state, 'paid')

    const refund = await client
      .post(`/admin/v1/orders/${order.orderNo}/refund`)
      .bearerToken(await staffToken(client, 'finance'))
      .json({ reason: '用户申请退款' })
    refund.assertStatus(200)
    const call = fake.calls.find(
      (c) => c.method === 'alipay.trade.refund' && c.biz.out_trade_no === order.orderNo
    )!
    assert.equal(call.biz.refund_amount, '18.00')
    assert.equal(fake.rejected, 0, 'every gateway request carried a valid app signature')
  })
})
