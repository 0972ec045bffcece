import app from '@adonisjs/core/services/app'
import { AppError } from '#core/exceptions/app_error'
import { SandboxProvider } from '#modules/payments/providers/sandbox_provider'
import {
  WechatPayProvider,
  type WechatPayConfig,
} from '#modules/payments/providers/wechatpay_provider'
import type { PaymentProvider, ProviderName } from '#modules/payments/providers/types'
import { AlipayProvider, type AlipayConfig } from '#modules/payments/providers/alipay_provider'
import { AppleProvider, type AppleConfig } from '#modules/payments/providers/apple_provider'

interface PaymentsConfig {
  sandbox: { enabled: boolean; secret: string }
  wechatpay: WechatPayConfig & { enabled: boolean }
  alipay: AlipayConfig & { enabled: boolean }
  apple: AppleConfig & { enabled: boolean }
}

/** The providers this deployment has configured. The sandbox exists only outside production. */
export function enabledProviders(): ProviderName[] {
  const config = app.config.get<PaymentsConfig>('payments')
  const names: ProviderName[] = []
  if (config.wechatpay.enabled) names.push('wechatpay')
  if (config.alipay.enabled) names.push('alipay')
  if (config.apple.enabled) names.push('apple')
  if (config.sandbox.enabled && !app.inProduction) names.push('sandbox')
  return names
}

export function providerFor(name: string): PaymentProvider {
  const config = app.config.get<PaymentsConfig>('payments')
  if (name === 'sandbox' && config.sandbox.enabled && !app.inProduction)
    return new SandboxProvider(config.sandbox.secret)
  if (name === 'wechatpay' && config.wechatpay.enabled)
    return new WechatPayProvider(config.wechatpay)
  if (name === 'alipay' && config.alipay.enabled) return new AlipayProvider(config.alipay)
  if (name === 'apple' && config.apple.enabled) return new AppleProvider(config.apple)
  throw new AppError(
    404,
    'PROVIDER_UNAVAILABLE',
    `Payment provider "${name}" is not available here`
  )
}

/** Which providers can take a payment on each platform (before checking what is configured). */
const PLATFORM_PROVIDERS: Record<string, ProviderName[]> = {
  'mp-weixin': ['wechatpay', 'sandbox'],
  'app-android': ['wechatpay', 'alipay', 'sandbox'],
  'app-ios': ['apple', 'sandbox'],
  'h5': ['alipay', 'sandbox'],
}

export function providersForPlatform(platform: string): ProviderName[] {
  const enabled = new Set(enabledProviders())
  return (PLATFORM_PROVIDERS[platform] ?? []).filter((p) => enabled.has(p))
}
