import { describe, expect, it } from 'vitest'
import { paymentMethods, sandboxPaymentsEnabled } from '@/utils/payment'

describe('sandbox cashier switch', () => {
  it('is on in development builds and off in production builds by default', () => {
    expect(sandboxPaymentsEnabled({ DEV: true })).toBe(true)
    expect(sandboxPaymentsEnabled({ DEV: false })).toBe(false)
    expect(sandboxPaymentsEnabled({})).toBe(false)
  })

  it('follows VITE_PAYMENT_SANDBOX when it is set', () => {
    expect(sandboxPaymentsEnabled({ DEV: false, VITE_PAYMENT_SANDBOX: 'true' })).toBe(true)
    expect(sandboxPaymentsEnabled({ DEV: false, VITE_PAYMENT_SANDBOX: ' 1 ' })).toBe(true)
    expect(sandboxPaymentsEnabled({ DEV: true, VITE_PAYMENT_SANDBOX: 'false' })).toBe(false)
    expect(sandboxPaymentsEnabled({ DEV: true, VITE_PAYMENT_SANDBOX: '0' })).toBe(false)
    expect(sandboxPaymentsEnabled({ DEV: false, VITE_PAYMENT_SANDBOX: '' })).toBe(false)
  })

  it('reads the build\'s own import.meta.env by default', () => {
    expect(sandboxPaymentsEnabled()).toBe(sandboxPaymentsEnabled(import.meta.env))
    expect(sandboxPaymentsEnabled()).toBe(Boolean(import.meta.env.DEV))
  })
})

describe('payment methods', () => {
  it('are WeChat Pay in the mini-program and the app, whatever the sandbox switch', () => {
    expect(paymentMethods('mp-weixin', false)).toEqual(['wechatpay'])
    expect(paymentMethods('mp-weixin', true)).toEqual(['wechatpay'])
    expect(paymentMethods('app', true)).toEqual(['wechatpay'])
  })

  it('are the sandbox on a test H5 build, and nothing on a production one', () => {
    expect(paymentMethods('h5', true)).toEqual(['sandbox'])
    expect(paymentMethods('h5', false)).toEqual([])
  })
})
