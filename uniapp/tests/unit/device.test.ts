import { readFile } from 'node:fs/promises'
import { transformWithEsbuild } from 'vite'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AlipayAppPayment, AlipayWapPayment, ApplePayment, SandboxPayment, WechatAppPayment, WechatMpPayment } from '@/api/payments'
import * as device from '@/utils/device'
import { preprocessFor } from './support/conditional-compilation'
import { installUni, type UniStub } from './support/uni'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** device.ts as the given build compiles it (uni-app's own #ifdef preprocessor, then TS → JS). */
async function deviceModuleFor(platform: 'h5' | 'mp-weixin' | 'app'): Promise<typeof device> {
  const file = new URL('../../src/utils/device.ts', import.meta.url)
  const source = preprocessFor(platform, await readFile(file, 'utf8'), file.pathname)
  const { code } = await transformWithEsbuild(source, file.pathname, { loader: 'ts', format: 'esm' })
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof device
}

let uniStub: UniStub

beforeEach(() => {
  uniStub = installUni({ os: 'ios' })
})

describe('platform', () => {
  it('is h5 in the H5 build', () => {
    expect(device.buildTarget()).toBe('h5')
    expect(device.clientPlatform()).toBe('h5')
  })

  it('is mp-weixin in the mini-program build, whatever the phone', async () => {
    const mp = await deviceModuleFor('mp-weixin')
    expect(mp.buildTarget()).toBe('mp-weixin')
    expect(mp.clientPlatform()).toBe('mp-weixin')
  })

  it('is app-ios or app-android in the app build, from the system info', async () => {
    const app = await deviceModuleFor('app')
    expect(app.buildTarget()).toBe('app')
    expect(app.clientPlatform()).toBe('app-ios')
    installUni({ os: 'android' })
    expect(app.clientPlatform()).toBe('app-android')
  })

  it.each([
    ['h5', 'ios', 'h5'],
    ['mp-weixin', 'android', 'mp-weixin'],
    ['app', 'ios', 'app-ios'],
    ['app', 'iOS', 'app-ios'],
    ['app', 'android', 'app-android'],
  ] as const)('resolves %s on %s to %s', (target, os, expected) => {
    expect(device.resolveClientPlatform(target, os)).toBe(expected)
  })
})

describe('device id', () => {
  it('is a random UUID v4', () => {
    const ids = new Set(Array.from({ length: 50 }, () => device.createDeviceId()))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(UUID_V4)
  })

  it('is still a UUID v4 where Web Crypto is missing', () => {
    vi.stubGlobal('crypto', undefined)
    expect(device.createDeviceId()).toMatch(UUID_V4)
  })

  it('is created once and kept in storage', () => {
    const first = device.getDeviceId()
    expect(uniStub.storage.get(device.DEVICE_ID_KEY)).toBe(first)
    expect(device.getDeviceId()).toBe(first)
  })

  it('reuses a stored id', () => {
    uniStub.storage.set(device.DEVICE_ID_KEY, 'existing-device')
    expect(device.getDeviceId()).toBe('existing-device')
  })
})

describe('WeChat mini-program login', () => {
  it('is not offered on H5', async () => {
    expect(device.hasWechatMpLogin()).toBe(false)
    await expect(device.wechatMpLoginCode()).rejects.toThrow(/only available on mp-weixin/)
  })

  it('is not offered in the app either', async () => {
    const app = await deviceModuleFor('app')
    expect(app.hasWechatMpLogin()).toBe(false)
    await expect(app.wechatMpLoginCode()).rejects.toThrow(/only available on mp-weixin/)
  })

  it('gets a code from uni.login on mp-weixin', async () => {
    const mp = await deviceModuleFor('mp-weixin')
    installUni({ login: { code: '0a3xyz' } })
    expect(mp.hasWechatMpLogin()).toBe(true)
    await expect(mp.wechatMpLoginCode()).resolves.toBe('0a3xyz')
  })

  it('passes a uni.login failure on', async () => {
    const mp = await deviceModuleFor('mp-weixin')
    installUni({ login: { errMsg: 'login:fail auth deny' } })
    await expect(mp.wechatMpLoginCode()).rejects.toThrow('login:fail auth deny')
  })
})

describe('purchases on iOS mini-programs', () => {
  it.each([
    ['mp-weixin', 'ios', true],
    ['mp-weixin', 'iOS', true],
    ['mp-weixin', 'android', false],
    ['mp-weixin', 'devtools', false],
    ['app', 'ios', false],
    ['h5', 'ios', false],
  ] as const)('%s on %s hides recharge: %s', (target, os, hidden) => {
    expect(device.resolvePurchasesHidden(target, os)).toBe(hidden)
  })

  it('reads the phone in the mini-program build only', async () => {
    expect(device.purchasesHidden()).toBe(false)
    const mp = await deviceModuleFor('mp-weixin')
    expect(mp.purchasesHidden()).toBe(true)
    installUni({ os: 'android' })
    expect(mp.purchasesHidden()).toBe(false)
  })
})

describe('payments', () => {
  const mpPayment: WechatMpPayment = {
    appId: 'wx123',
    timeStamp: '1766300000',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx201410272009395522657a690389285100',
    signType: 'RSA',
    paySign: 'c2lnbmF0dXJl',
  }
  const appPayment: WechatAppPayment = {
    appid: 'wx123',
    partnerid: '1900000109',
    prepayid: 'wx201410272009395522657a690389285100',
    package: 'Sign=WXPay',
    noncestr: 'n0nce',
    timestamp: '1766300000',
    sign: 'c2lnbmF0dXJl',
  }
  const alipayApp: AlipayAppPayment = { orderInfo: 'app_id=2021000000000000&biz_content=%7B%7D&method=alipay.trade.app.pay&sign=c2ln' }
  const alipayWap: AlipayWapPayment = { payUrl: 'https://openapi.alipay.com/gateway.do?method=alipay.trade.wap.pay&sign=c2ln' }
  const apple: ApplePayment = { productId: 'com.duanju.coins.600', appAccountToken: '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f', orderNo: 'DJ9' }
  const sandbox: SandboxPayment = { orderNo: 'DJ9', amountFen: 600, confirmPath: '/api/v1/payments/sandbox/orders/DJ9/confirm' }
  const order = (provider: string) => ({ orderNo: 'DJ9', provider })

  it('hands WeChat Pay\'s JSAPI fields to uni.requestPayment in the mini-program', async () => {
    const mp = await deviceModuleFor('mp-weixin')
    const stub = installUni({ payment: 'success' })
    await expect(mp.startPayment(order('wechatpay'), mpPayment)).resolves.toEqual({ status: 'ok' })
    expect(stub.payments).toEqual([
      { provider: 'wxpay', timeStamp: '1766300000', nonceStr: 'n0nce', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA', paySign: 'c2lnbmF0dXJl' },
    ])
  })

  it('hands WeChat Pay\'s app parameters as orderInfo in the app', async () => {
    const app = await deviceModuleFor('app')
    const stub = installUni({ payment: 'success' })
    await expect(app.startPayment(order('wechatpay'), appPayment)).resolves.toEqual({ status: 'ok' })
    expect(stub.payments).toEqual([{ provider: 'wxpay', orderInfo: appPayment }])
  })

  it('hands Alipay\'s signed order string as orderInfo in the app', async () => {
    const app = await deviceModuleFor('app')
    const stub = installUni({ payment: 'success' })
    await expect(app.startPayment(order('alipay'), alipayApp)).resolves.toEqual({ status: 'ok' })
    expect(stub.payments).toEqual([{ provider: 'alipay', orderInfo: alipayApp.orderInfo }])
  })

  it('buys the Apple product with the order\'s appAccountToken as username in the iOS app', async () => {
    const app = await deviceModuleFor('app')
    const stub = installUni({ os: 'ios', payment: 'success' })
    await expect(app.startPayment(order('apple'), apple)).resolves.toEqual({ status: 'ok' })
    expect(stub.payments).toEqual([
      { provider: 'appleiap', orderInfo: { productid: 'com.duanju.coins.600', username: '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f', quantity: 1 } },
    ])
  })

  it('sends the page to Alipay\'s wap cashier on H5, noting the order first', async () => {
    const stub = installUni({ payment: 'success' })
    const location = { href: 'http://h5.test/#/pages/wallet/recharge' }
    vi.stubGlobal('window', { location })
    const before = Date.now()
    await expect(device.startPayment(order('alipay'), alipayWap)).resolves.toEqual({ status: 'redirected' })
    expect(location.href).toBe(alipayWap.payUrl)
    const note = stub.storage.get(device.REDIRECT_ORDER_KEY) as { orderNo: string; at: number }
    expect(note.orderNo).toBe('DJ9')
    expect(note.at).toBeGreaterThanOrEqual(before)
    expect(stub.payments).toEqual([])
  })

  it('tells a cancelled cashier from a failed payment', async () => {
    const mp = await deviceModuleFor('mp-weixin')
    installUni({ payment: { errMsg: 'requestPayment:fail cancel' } })
    await expect(mp.startPayment(order('wechatpay'), mpPayment)).resolves.toEqual({ status: 'cancelled' })
    const app = await deviceModuleFor('app')
    installUni({ payment: { errMsg: 'requestPayment:fail [payment微信:-2]User canceled' } })
    await expect(app.startPayment(order('wechatpay'), appPayment)).resolves.toEqual({ status: 'cancelled' })
    installUni({ payment: { errMsg: 'requestPayment:fail [paymentAlipay:62001]User canceled' } })
    await expect(app.startPayment(order('alipay'), alipayApp)).resolves.toEqual({ status: 'cancelled' })
    installUni({ os: 'ios', payment: { errMsg: 'requestPayment:fail [paymentappleiap:2]用户取消' } })
    await expect(app.startPayment(order('apple'), apple)).resolves.toEqual({ status: 'cancelled' })
    installUni({ payment: { errMsg: 'requestPayment:fail (detail message)' } })
    await expect(mp.startPayment(order('wechatpay'), mpPayment)).resolves.toEqual({ status: 'failed', message: 'requestPayment:fail (detail message)' })
  })

  it('fails, without calling anything, for a provider the build cannot pay with', async () => {
    const stub = installUni({ payment: 'success' })
    const location = { href: 'http://h5.test/' }
    vi.stubGlobal('window', { location })
    await expect(device.startPayment(order('wechatpay'), mpPayment)).resolves.toMatchObject({ status: 'failed' })
    await expect(device.startPayment(order('apple'), apple)).resolves.toMatchObject({ status: 'failed' })
    await expect(device.startPayment(order('sandbox'), sandbox)).resolves.toMatchObject({ status: 'failed' })
    const mp = await deviceModuleFor('mp-weixin')
    await expect(mp.startPayment(order('alipay'), alipayWap)).resolves.toMatchObject({ status: 'failed' })
    const app = await deviceModuleFor('app')
    await expect(app.startPayment(order('alipay'), alipayWap)).resolves.toMatchObject({ status: 'failed' })
    expect(stub.payments).toEqual([])
    expect(location.href).toBe('http://h5.test/')
    expect(stub.storage.has(device.REDIRECT_ORDER_KEY)).toBe(false)
  })

  it.each([
    ['h5', 'alipay', alipayWap, 'redirect'],
    ['app', 'alipay', alipayApp, 'request'],
    ['app', 'apple', apple, 'request'],
    ['app', 'wechatpay', appPayment, 'request'],
    ['mp-weixin', 'wechatpay', mpPayment, 'request'],
    ['h5', 'sandbox', sandbox, null],
    ['mp-weixin', 'apple', apple, null],
  ] as const)('starts %s %s as %s', (target, provider, payment, kind) => {
    expect(device.paymentStart(target, provider, payment)?.kind ?? null).toBe(kind)
  })
})
