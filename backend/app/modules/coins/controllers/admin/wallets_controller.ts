import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { WalletService } from '#modules/coins/services/wallet_service'
import { deductValidator, grantValidator, ledgerValidator } from '#modules/coins/validators/wallet'
import { adminActor, pageLimit, routeId } from '#core/http/request_helpers'
import { recordAudit } from '#core/audit/audit'
import { AppError } from '#core/exceptions/app_error'

async function viewerId(value: unknown) {
  const id = routeId(value, 'user')
  if (!(await db.from('users').where('id', id).first())) throw AppError.notFound('No such user')
  return id
}

/** Finance staff: a viewer's wallet and ledger, manual grants and deductions (audited). */
@inject()
export default class WalletsController {
  constructor(private wallet: WalletService) {}

  /** Audits a staff change once (not on an idempotent replay) and answers with the new wallet. */
  async #answer(
    ctx: HttpContext,
    action: 'coins.grant' | 'coins.deduct',
    userId: number,
    input: object,
    result: { transferId: number; duplicate: boolean }
  ) {
    if (!result.duplicate) {
      await recordAudit({
        actor: adminActor(ctx),
        action,
        target: { type: 'user', id: userId },
        after: { ...input, transferId: result.transferId },
        ip: ctx.request.ip(),
      })
    }
    return {
      transferId: result.transferId,
      duplicate: result.duplicate,
      wallet: await this.wallet.summary(userId),
    }
  }

  async show({ params, request }: HttpContext) {
    const userId = await viewerId(params.id)
    const { limit, cursor } = await request.validateUsing(ledgerValidator, { data: request.qs() })
    return {
      wallet: await this.wallet.summary(userId),
      ledger: await this.wallet.ledger(userId, pageLimit(limit), cursor),
    }
  }

  /** The Idempotency-Key header makes a double-clicked grant happen once. */
  async grant(ctx: HttpContext) {
    const userId = await viewerId(ctx.params.id)
    const input = await ctx.request.validateUsing(grantValidator)
    if (!input.paid && !input.bonus) {
      throw AppError.invalid('paid', 'required', 'Grant paid coins, bonus coins or both')
    }
    const actor = adminActor(ctx)
    const key = `grant:${ctx.request.header('idempotency-key') ?? randomUUID()}`
    const result = await this.wallet.credit({
      userId,
      paid: input.paid,
      bonus: input.bonus
        ? [
            {
              amount: input.bonus,
              expiresAt: DateTime.utc().plus({ days: input.bonusExpiresInDays ?? 30 }),
            },
          ]
        : [],
      source: 'adjustments',
      type: 'grant',
      idempotencyKey: key,
      reference: { type: 'admin', id: actor.id },
      memo: input.reason,
    })
    return this.#answer(ctx, 'coins.grant', userId, input, result)
  }

  async deduct(ctx: HttpContext) {
    const userId = await viewerId(ctx.params.id)
    const input = await ctx.request.validateUsing(deductValidator)
    const actor = adminActor(ctx)
    const result = await this.wallet.spend({
      userId,
      amount: input.amount,
      sink: 'adjustments',
      type: 'deduct',
      idempotencyKey: `deduct:${ctx.request.header('idempotency-key') ?? randomUUID()}`,
      reference: { type: 'admin', id: actor.id },
      memo: input.reason,
    })
    return this.#answer(ctx, 'coins.deduct', userId, input, result)
  }
}
