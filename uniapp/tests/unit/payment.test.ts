import { beforeEach, describe, expect, it } from 'vitest'
import { translate } from '@/locale'
import { REDIRECT_ORDER_KEY } from '@/utils/device'
import {
  forgetRedirectedOrder,
  PAYMENT_METHOD_LABELS,
  paymentMethods,
  REDIRECT_RESUME_MS,
  redirectedOrderNo,
  shouldResumeOrder,
  takeRedirectedOrder,
} from '@/utils/payment'
import { installUni, type UniStub } from './support/uni'

describe('payment methods', () => {
  it('are what the server answered for the platform, in its order', () => {
    expect(paymentMethods(['wechatpay'])).toEqual(['wechatpay'])
    expect(paymentMethods(['wechatpay', 'alipay', 'sandbox'])).toEqual(['wechatpay', 'alipay', 'sandbox'])
    expect(paymentMethods(['apple'])).toEqual(['apple'])
    expect(paymentMethods(['sandbox'])).toEqual(['sandbox'])
  })

  it('leave out names this client does not know, and repeats', () => {
    expect(paymentMethods(['unionpay', 'alipay', 'alipay', 42, null, 'toString', 'sandbox'])).toEqual(['alipay', 'sandbox'])
  })

  it('are none when the server runs nothing on the platform (production H5 without Alipay)', () => {
    expect(paymentMethods([])).toEqual([])
    expect(paymentMethods(['paypal'])).toEqual([])
  })

  it('have names in both languages', () => {
    const zh = Object.values(PAYMENT_METHOD_LABELS).map((key) => translate('zh-Hans', key))
    expect(zh).toEqual(['微信支付', '支付宝', 'Apple 支付', '测试支付（沙箱）'])
    const en = Object.values(PAYMENT_METHOD_LABELS).map((key) => translate('en', key))
    expect(en).toEqual(['WeChat Pay', 'Alipay', 'Apple In-App Purchase', 'Test payment (sandbox)'])
    expect(translate('zh-Hans', 'wallet.platformUnavailable')).toMatch(/^当前平台暂不支持充值/)
  })
})

describe('resuming an order after Alipay’s wap cashier', () => {
  const now = Date.parse('2026-05-01T10:00:00Z')
  let uniStub: UniStub

  beforeEach(() => {
    uniStub = installUni()
  })

  it('reads a recent, well-formed note', () => {
    expect(redirectedOrderNo({ orderNo: 'DJ2026050110000000000001', at: now - 60_000 }, now)).toBe('DJ2026050110000000000001')
    expect(redirectedOrderNo({ orderNo: 'DJ1', at: now - REDIRECT_RESUME_MS }, now)).toBe('DJ1')
  })

  it('ignores stale, future, malformed or foreign notes', () => {
    expect(redirectedOrderNo({ orderNo: 'DJ1', at: now - REDIRECT_RESUME_MS - 1 }, now)).toBeNull()
    expect(redirectedOrderNo({ orderNo: 'DJ1', at: now + 3_600_000 }, now)).toBeNull()
    expect(redirectedOrderNo({ orderNo: '../../etc', at: now }, now)).toBeNull()
    expect(redirectedOrderNo({ orderNo: 'DJ1' }, now)).toBeNull()
    expect(redirectedOrderNo('DJ1', now)).toBeNull()
    expect(redirectedOrderNo('', now)).toBeNull()
    expect(redirectedOrderNo(null, now)).toBeNull()
  })

  it('takes the note once: the next launch opens the order, the one after does not', () => {
    uniStub.storage.set(REDIRECT_ORDER_KEY, { orderNo: 'DJ7', at: now - 5_000 })
    expect(takeRedirectedOrder(now)).toBe('DJ7')
    expect(uniStub.storage.has(REDIRECT_ORDER_KEY)).toBe(false)
    expect(takeRedirectedOrder(now)).toBeNull()
  })

  it('drops a stale note without opening anything', () => {
    uniStub.storage.set(REDIRECT_ORDER_KEY, { orderNo: 'DJ7', at: now - REDIRECT_RESUME_MS - 1 })
    expect(takeRedirectedOrder(now)).toBeNull()
    expect(uniStub.storage.has(REDIRECT_ORDER_KEY)).toBe(false)
  })

  it('forgets the note once that order has settled, not another one', () => {
    uniStub.storage.set(REDIRECT_ORDER_KEY, { orderNo: 'DJ7', at: now })
    forgetRedirectedOrder('DJ8')
    expect(uniStub.storage.has(REDIRECT_ORDER_KEY)).toBe(true)
    forgetRedirectedOrder('DJ7')
    expect(uniStub.storage.has(REDIRECT_ORDER_KEY)).toBe(false)
  })

  it('opens the order page on launch unless the launch already opens it', () => {
    expect(shouldResumeOrder('DJ7', 'pages/me/index')).toBe(true)
    expect(shouldResumeOrder('DJ7', '')).toBe(true)
    expect(shouldResumeOrder('DJ7', undefined)).toBe(true)
    expect(shouldResumeOrder('DJ7', 'pages/wallet/order')).toBe(false)
    expect(shouldResumeOrder('DJ7', '/pages/wallet/order')).toBe(false)
    expect(shouldResumeOrder(null, 'pages/me/index')).toBe(false)
  })
})
