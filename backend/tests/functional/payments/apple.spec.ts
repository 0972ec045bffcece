import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import RechargePackage from '#modules/payments/models/recharge_package'
import { AppleProvider } from '#modules/payments/providers/apple_provider'
import { NotifyRejectedError } from '#modules/payments/providers/types'
import { WalletService } from '#modules/coins/services/wallet_service'
import { AppleTestChain } from '#tests/fixtures/apple_jws'
import { guest, staffToken } from '#tests/helpers/accounts'

const BUNDLE = 'dev.duanju.app'

test.group('Apple in-app purchase (App Store Server Notifications V2)', (group) => {
  const chain = new AppleTestChain()
  group.setup(() => {
    const before = app.config.get('payments.apple')
    app.config.set('payments.apple', {
      enabled: true,
      bundleId: BUNDLE,
      environment: 'Sandbox',
      rootCertificatePaths: [],
      rootCertificates: [chain.root],
    })
    return () => app.config.set('payments.apple', before)
  })

  async function buy(client: any) {
    const pkg = await RechargePackage.create({
      name: `apple ${Date.now()}`,
      priceFen: 600,
      coins: 600,
      bonusCoins: 0,
      bonusExpiresDays: 30,
      firstRechargeBonus: 0,
      platforms: ['app-ios'],
      appleProductId: 'dev.duanju.coins600',
      sort: 0,
      isActive: true,
    })
    const viewer = await guest(client)
    const res = await client
      .post('/api/v1/orders')
      .bearerToken(viewer.token)
      .json({ kind: 'recharge', itemId: pkg.id, provider: 'apple', platform: 'app-ios' })
    res.assertStatus(201)
    return { viewer, ...res.body() }
  }

  test('the order hands the app its product and appAccountToken; the verified notification credits once', async ({
    client,
    assert,
  }) => {
    const { viewer, order, payment } = await buy(client)
    assert.equal(payment.productId, 'dev.duanju.coins600')
    assert.match(payment.appAccountToken, /^[0-9a-f-]{36}$/)
    const signedPayload = chain.notification({
      bundleId: BUNDLE,
      appAccountToken: payment.appAccountToken,
      productId: 'dev.duanju.coins600',
      priceMilli: 6000,
    })
    for (let i = 0; i < 3; i++)
      (await client.post('/api/v1/payments/apple/notify').json({ signedPayload })).assertStatus(200)
    assert.deepInclude(await new WalletService().summary(viewer.user.id), { paidCoins: 600 })
    const after = await client.get(`/api/v1/orders/${order.orderNo}`).bearerToken(viewer.token)
    assert.equal(after.body().order.state, 'paid')
  })

  test('forged, other-app and malformed notifications are rejected', async ({ client, assert }) => {
    const { payment } = await buy(client)
    const provider = new AppleProvider({
      bundleId: BUNDLE,
      environment: 'Sandbox',
      rootCertificatePaths: [],
      rootCertificates: [chain.root],
    })
    const reject = async (signedPayload: unknown) => {
      const error = await provider
        .verifyNotify({ headers: {}, rawBody: JSON.stringify({ signedPayload }) })
        .catch((e) => e)
      assert.instanceOf(error, NotifyRejectedError)
    }
    await reject(
      chain.notification(
        {
          bundleId: BUNDLE,
          appAccountToken: payment.appAccountToken,
          productId: 'x',
          priceMilli: 6000,
        },
        chain.otherKey()
      )
    )
    await reject(
      chain.notification({
        bundleId: 'com.someone.else',
        appAccountToken: payment.appAccountToken,
        productId: 'x',
        priceMilli: 6000,
      })
    )
    await reject('not.a.jws')
    await reject(undefined)
    const untrusted = new AppleProvider({
      bundleId: BUNDLE,
      environment: 'Sandbox',
      rootCertificatePaths: [],
      rootCertificates: [new AppleTestChain().root],
    })
    const error = await untrusted
      .verifyNotify({
        headers: {},
        rawBody: JSON.stringify({
          signedPayload: chain.notification({
            bundleId: BUNDLE,
            appAccountToken: payment.appAccountToken,
            productId: 'x',
            priceMilli: 6000,
          }),
        }),
      })
      .catch((e) => e)
    assert.instanceOf(
      error,
      NotifyRejectedError,
      'a chain that does not lead to the configured root is refused'
    )
    ;(
      await client.post('/api/v1/payments/apple/notify').json({ signedPayload: 'garbage' })
    ).assertStatus(400)
  }).timeout(30_000)

  test('a REFUND notification reverses the credit and marks the order refunded', async ({
    client,
    assert,
  }) => {
    const { viewer, payment, order } = await buy(client)
    const base = {
      bundleId: BUNDLE,
      appAccountToken: payment.appAccountToken,
      productId: 'dev.duanju.coins600',
      priceMilli: 6000,
    }
    await client
      .post('/api/v1/payments/apple/notify')
      .json({ signedPayload: chain.notification(base) })
    assert.deepInclude(await new WalletService().summary(viewer.user.id), { paidCoins: 600 })
    for (let i = 0; i < 2; i++) {
      ;(
        await client
          .post('/api/v1/payments/apple/notify')
          .json({ signedPayload: chain.notification({ ...base, type: 'REFUND' }) })
      ).assertStatus(200)
    }
    assert.deepInclude(await new WalletService().summary(viewer.user.id), { paidCoins: 0 })
    const after = await client.get(`/api/v1/orders/${order.orderNo}`).bearerToken(viewer.token)
    assert.equal(after.body().order.state, 'refunded')
  })

  test('Apple refunds are Apple’s: finance gets a clear 409', async ({ client, assert }) => {
    const { payment, order } = await buy(client)
    await client.post('/api/v1/payments/apple/notify').json({
      signedPayload: chain.notification({
        bundleId: BUNDLE,
        appAccountToken: payment.appAccountToken,
        productId: 'dev.duanju.coins600',
        priceMilli: 6000,
      }),
    })
    const res = await client
      .post(`/admin/v1/orders/${order.orderNo}/refund`)
      .bearerToken(await staffToken(client, 'finance'))
      .json({ reason: 'user asked' })
    res.assertStatus(409)
    assert.equal(res.body().error.code, 'REFUND_NOT_SUPPORTED')
  })
})
