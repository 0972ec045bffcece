import type { PaymentProvider } from '@/api/payments'
import type { BuildTarget } from './device'

interface PaymentEnv {
  DEV?: boolean
  VITE_PAYMENT_SANDBOX?: string
}

/**
 * Whether this build offers the sandbox cashier. `VITE_PAYMENT_SANDBOX=true|false` decides at
 * build time; without it only development builds (`npm run dev`) do. Production servers refuse
 * the sandbox anyway (404 PROVIDER_UNAVAILABLE).
 */
export function sandboxPaymentsEnabled(env: PaymentEnv = import.meta.env): boolean {
  const flag = env.VITE_PAYMENT_SANDBOX?.trim().toLowerCase()
  if (flag === 'true' || flag === '1') return true
  if (flag === 'false' || flag === '0') return false
  return Boolean(env.DEV)
}

/**
 * The ways to pay this build offers, preferred first: WeChat Pay in the mini-program and the app
 * (uni.requestPayment), the sandbox cashier on H5 builds that enable it, nothing otherwise.
 */
export function paymentMethods(target: BuildTarget, sandbox: boolean): PaymentProvider[] {
  if (target === 'h5') return sandbox ? ['sandbox'] : []
  return ['wechatpay']
}
