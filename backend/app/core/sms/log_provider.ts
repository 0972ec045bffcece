import type { Logger } from '@adonisjs/core/logger'
import type { SmsMessage, SmsProvider, SmsResult } from '#core/sms/types'

/**
 * Development only: writes the code to the server log instead of sending it. The environment
 * rules refuse SMS_DRIVER=log when NODE_ENV=production.
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log' as const

  constructor(private logger: Logger) {}

  async sendLoginCode(message: SmsMessage): Promise<SmsResult> {
    this.logger.warn(
      { phone: message.phone, params: message.params },
      `[sms:log] login code for ${message.phone}: ${message.params[0]}`
    )
    return { provider: 'log' }
  }
}
