/*
| Rate limits (@adonisjs/limiter, Redis-backed when REDIS_URL is set). Each answers 429
| RATE_LIMITED with Retry-After.
*/
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Per-IP budgets shared by everyone behind one address (mobile carrier NAT puts many viewers
 * on one IP), so they are settings: RATE_LIMIT_API_PER_MINUTE (anonymous callers; signed-in
 * viewers get twice as much) and RATE_LIMIT_SIGNINS_PER_10_MINUTES. Browser test runs, where
 * every request comes from 127.0.0.1, raise them.
 */
const API_PER_MINUTE = env.get('RATE_LIMIT_API_PER_MINUTE', 300)
const SIGNINS_PER_10_MINUTES = env.get('RATE_LIMIT_SIGNINS_PER_10_MINUTES', 60)

/**
 * General budget for the client API: per viewer when signed in, per IP otherwise. It consumes
 * in one Redis round trip (the package's `limiter.define` throttle reads the counter first and
 * then consumes it: two round trips on every API request). Over budget → 429 RATE_LIMITED with
 * Retry-After, through the same exception as the other limits.
 */
export async function apiBudget(ctx: HttpContext, next: NextFn) {
  const user = (await ctx.auth.use('api').check()) ? ctx.auth.use('api').user : null
  const budget = limiter.use({ requests: user ? API_PER_MINUTE * 2 : API_PER_MINUTE, duration: 60 })
  const consumed = await budget.consume(user ? `api_user:${user.id}` : `api_ip:${ctx.request.ip()}`)
  const response = await next()
  ctx.response.header('X-RateLimit-Limit', consumed.limit)
  ctx.response.header('X-RateLimit-Remaining', consumed.remaining)
  return response
}

/** SMS: a number gets at most 10 codes a day, an IP 20 an hour (the 60 s resend gap is per code). */
export const smsPerIp = limiter.define('sms_ip', (ctx) =>
  limiter.allowRequests(20).every('1 hour').usingKey(`sms:ip:${ctx.request.ip()}`)
)

export const smsPerPhoneDaily = () => limiter.use({ requests: 10, duration: '24 hours' })

/** Staff sign-in: 5 failures per email+IP lock that pair out for 15 minutes. */
export const adminLoginFailures = () =>
  limiter.use({ requests: 5, duration: '15 minutes', blockDuration: '15 minutes' })

/** Viewer sign-in attempts per IP (codes have their own 5-try limit). */
export const signInPerIp = limiter.define('sign_in_ip', (ctx) =>
  limiter
    .allowRequests(SIGNINS_PER_10_MINUTES)
    .every('10 minutes')
    .usingKey(`signin:ip:${ctx.request.ip()}`)
)
