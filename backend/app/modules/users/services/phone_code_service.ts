import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { AppError } from '#core/exceptions/app_error'
import { SmsSendError, type SmsProvider } from '#core/sms/types'
import { dbTime, fromDb } from '#core/database/time'

interface SmsSettings {
  codeTtlSeconds: number
  resendAfterSeconds: number
  maxAttempts: number
  tencent: { loginTemplateParams: ('code' | 'minutes')[] }
}

/**
 * Six-digit login codes: 5-minute lifetime, one send per 60 s per number, 5 wrong tries, and
 * only an HMAC of the code at rest (a leaked table does not reveal live codes).
 */
export class PhoneCodeService {
  /** The provider picked by SMS_DRIVER, from the container. */
  #sms(): Promise<SmsProvider> {
    return app.container.make('duanju.sms')
  }

  get #settings() {
    return app.config.get<SmsSettings>('sms')
  }

  #hash(phone: string, code: string) {
    return createHmac('sha256', env.get('APP_KEY').release())
      .update(`login:${phone}:${code}`)
      .digest('hex')
  }

  async send(phone: string, ip: string | null) {
    const settings = this.#settings
    const now = DateTime.utc()
    const last = await db
      .from('sms_codes')
      .where({ phone, purpose: 'login' })
      .orderBy('created_at', 'desc')
      .first()
    if (last) {
      const wait =
        settings.resendAfterSeconds - Math.floor(now.diff(fromDb(last.created_at)).as('seconds'))
      if (wait > 0) {
        throw new AppError(429, 'RATE_LIMITED', `Wait ${wait} s before asking for another code`, {
          retryAfter: wait,
        })
      }
    }

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const params = settings.tencent.loginTemplateParams.map((p) =>
      p === 'minutes' ? String(Math.round(settings.codeTtlSeconds / 60)) : code
    )
    let providerRef: string | undefined
    const sms = await this.#sms()
    try {
      const result = await sms.sendLoginCode({ phone, params, context: `login:${phone}` })
      providerRef = result.serialNo ?? result.requestId
    } catch (error) {
      if (error instanceof SmsSendError) {
        if (error.rateLimited)
          throw new AppError(
            429,
            'RATE_LIMITED',
            'Too many codes for this number, try again later',
            { retryAfter: 3600 }
          )
        throw new AppError(422, 'SMS_NOT_SENT', 'The code could not be sent to this number', {
          provider: error.providerCode,
        })
      }
      throw error
    }

    await db.table('sms_codes').insert({
      phone,
      purpose: 'login',
      code_hash: this.#hash(phone, code),
      attempts: 0,
      ip,
      provider: sms.name,
      provider_ref: providerRef ?? null,
      expires_at: dbTime(now.plus({ seconds: settings.codeTtlSeconds })),
      created_at: dbTime(now),
    })
  }

  /**
   * Checks and consumes the latest code for `phone`. Wrong guesses count against the code;
   * after the last allowed one the code is dead and a new one must be requested.
   */
  async verify(phone: string, code: string) {
    const settings = this.#settings
    // Decide inside the transaction, throw after it commits: a wrong guess must stay counted.
    const outcome = await db.transaction(async (trx) => {
      const row = await trx
        .from('sms_codes')
        .where({ phone, purpose: 'login' })
        .whereNull('consumed_at')
        .orderBy('created_at', 'desc')
        .forUpdate()
        .first()
      if (!row || fromDb(row.expires_at) < DateTime.utc()) return { kind: 'expired' as const }
      if (row.attempts >= settings.maxAttempts) return { kind: 'locked' as const }
      const expected = Buffer.from(row.code_hash, 'hex')
      const given = Buffer.from(this.#hash(phone, code), 'hex')
      if (!timingSafeEqual(expected, given)) {
        const attempts = row.attempts + 1
        await trx.from('sms_codes').where('id', row.id).update({ attempts })
        const remaining = settings.maxAttempts - attempts
        return remaining > 0 ? { kind: 'wrong' as const, remaining } : { kind: 'locked' as const }
      }
      await trx
        .from('sms_codes')
        .where('id', row.id)
        .update({ consumed_at: dbTime(DateTime.utc()) })
      return { kind: 'ok' as const }
    })
    switch (outcome.kind) {
      case 'ok':
        return
      case 'expired':
        throw new AppError(
          401,
          'CODE_EXPIRED',
          'The code has expired or was never sent; ask for a new one'
        )
      case 'locked':
        throw new AppError(429, 'CODE_LOCKED', 'Too many wrong codes; ask for a new one')
      case 'wrong':
        throw new AppError(401, 'INVALID_CODE', 'Wrong code', {
          remainingAttempts: outcome.remaining,
        })
    }
  }
}
