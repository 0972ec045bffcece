import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { AppError } from '#core/exceptions/app_error'

const UID = /^[\w-]{8,64}$/

/**
 * Transmit's own handlers trust their input; malformed requests are answered here with the
 * usual 400 before they reach them.
 */
export async function guardTransmitRequest(ctx: HttpContext, next: NextFn) {
  if (ctx.request.method() === 'GET') {
    const uid = ctx.request.qs().uid
    if (typeof uid !== 'string' || !UID.test(uid)) {
      throw new AppError(400, 'BAD_REQUEST', 'Give a uid (8-64 letters, digits, - or _)')
    }
    return next()
  }
  const body = ctx.request.body()
  if (
    typeof body.uid !== 'string' ||
    !UID.test(body.uid) ||
    typeof body.channel !== 'string' ||
    body.channel.length === 0 ||
    body.channel.length > 200
  ) {
    throw new AppError(400, 'BAD_REQUEST', 'Give uid and channel as strings')
  }
  // Transmit answers a refused subscription with a bare 400; say 401/403 like every other route.
  if (ctx.request.url().endsWith('/subscribe') && body.channel.startsWith('admin/')) {
    const access = await processingAccess(ctx)
    if (access === 'unauthenticated')
      throw AppError.unauthenticated('Sign in as staff to follow processing')
    if (access === 'forbidden') throw AppError.forbidden('This needs the "media.manage" permission')
  }
  return next()
}

interface StaffLike {
  status?: string
  can?: (permission: string) => boolean
}

async function processingAccess(ctx: HttpContext) {
  const guard = ctx.auth.use('admin')
  if (!(await guard.check())) return 'unauthenticated' as const
  const staff = guard.user as StaffLike | undefined
  return staff?.status === 'active' && staff.can?.('media.manage')
    ? ('ok' as const)
    : ('forbidden' as const)
}

/** Processing channels: admins with media.manage only (token in the subscribe request). */
export async function authorizeProcessingChannel(ctx: HttpContext) {
  return (await processingAccess(ctx)) === 'ok'
}
