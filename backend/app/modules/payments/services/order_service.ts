import { DateTime } from 'luxon'
import { randomInt, randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Order from '#modules/payments/models/order'
import RechargePackage from '#modules/payments/models/recharge_package'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'
import { WalletService } from '#modules/coins/services/wallet_service'
import { providerFor } from '#modules/payments/providers/registry'
import {
  NotifyRejectedError,
  ProviderError,
  type NotifyOutcome,
  type NotifyRequest,
} from '#modules/payments/providers/types'
import { dbTime } from '#core/database/time'

type Platform = 'app-android' | 'app-ios' | 'h5' | 'mp-weixin'

interface PaymentsConfig {
  orderTtlMinutes: number
  maxPendingPerUserHour: number
  maxPendingPerIpHour: number
  reconcileAfterMinutes: number
}

const config = () => app.config.get<PaymentsConfig>('payments')

/** 32 chars at most, [0-9A-Za-z]: DJ + UTC timestamp + 8 random digits. */
export function newOrderNo(now = DateTime.utc()) {
  return `DJ${now.toFormat('yyyyMMddHHmmss')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
}

function providerFailure(error: unknown): never {
  if (error instanceof ProviderError && error.providerCode === 'REFUND_BY_APPLE') {
    throw AppError.conflict('REFUND_NOT_SUPPORTED', error.message)
  }
  if (error instanceof ProviderError) {
    throw new AppError(502, 'PAYMENT_PROVIDER_ERROR', error.message, {
      provider: error.provider,
      code: error.providerCode ?? null,
    })
  }
  throw error
}

/**
 * Orders: pending → paid → (refunded), pending → closed. The amount is fixed at creation; a
 * callback is verified first, checked against the order, and applied once (row lock + the
 * wallet's idempotency key), so replays and out-of-order duplicates change nothing.
 */
export class OrderService {
  constructor(private wallet = new WalletService()) {}

  async createRecharge(input: {
    userId: number
    packageId: number
    provider: string
    platform: Platform
    ip: string | null
    openid?: string | null
  }) {
    const provider = providerFor(input.provider)
    const pkg = await RechargePackage.find(input.packageId)
    const now = DateTime.utc()
    const visible =
      pkg?.isActive &&
      pkg.platforms.includes(input.platform) &&
      (!pkg.startsAt || pkg.startsAt <= now) &&
      (!pkg.endsAt || pkg.endsAt > now)
    if (!pkg || !visible) throw AppError.notFound('No such recharge package on this platform')

    const hourAgo = dbTime(now.minus({ hours: 1 }))
    const byUser = await db
      .from('orders')
      .where('user_id', input.userId)
      .where('state', 'pending')
      .where('created_at', '>', hourAgo)
      .count('* as n')
      .first()
    if (Number(byUser?.n ?? 0) >= config().maxPendingPerUserHour) {
      throw new AppError(
        429,
        'RATE_LIMITED',
        'Too many unpaid orders; finish or wait for the pending ones',
        { retryAfter: 3600 }
      )
    }
    if (input.ip) {
      const byIp = await db
        .from('orders')
        .where('ip', input.ip)
        .where('state', 'pending')
        .where('created_at', '>', hourAgo)
        .count('* as n')
        .first()
      if (Number(byIp?.n ?? 0) >= config().maxPendingPerIpHour) {
        throw new AppError(429, 'RATE_LIMITED', 'Too many unpaid orders from this network', {
          retryAfter: 3600,
        })
      }
    }
    const firstRecharge = !(await db
      .from('orders')
      .where('user_id', input.userId)
      .whereIn('state', ['paid', 'refunded'])
      .first())
    const order = await Order.create({
      orderNo: newOrderNo(now),
      clientToken: randomUUID(),
      userId: input.userId,
      kind: 'recharge',
      itemId: String(pkg.id),
      snapshot: {
        packageName: pkg.name,
        coins: pkg.coins,
        bonusCoins: pkg.bonusCoins + (firstRecharge ? pkg.firstRechargeBonus : 0),
        bonusExpiresDays: pkg.bonusExpiresDays,
      },
      amountFen: pkg.priceFen,
      provider: provider.name,
      platform: input.platform,
      state: 'pending',
      ip: input.ip,
      expiresAt: now.plus({ minutes: config().orderTtlMinutes }),
    })
    let payment
    try {
      payment = await provider.createPayment({
        orderNo: order.orderNo,
        amountFen: order.amountFen,
        description: `短剧金币 ${pkg.name}`,
        platform: input.platform,
        expiresAt: order.expiresAt.toJSDate(),
        openid: input.openid ?? null,
        clientToken: order.clientToken,
        appleProductId: pkg.appleProductId,
      })
    } catch (error) {
      order.merge({ state: 'closed', closedAt: DateTime.utc() })
      await order.save()
      providerFailure(error)
    }
    return { order, payment }
  }

  async findForUser(userId: number, orderNo: string) {
    const order = await Order.query().where('order_no', orderNo).where('user_id', userId).first()
    if (!order) throw AppError.notFound('No such order')
    return order
  }

  async #record(
    provider: string,
    orderNo: string | null,
    verified: boolean,
    outcome: string,
    payload: string,
    ip: string | null
  ) {
    await db.table('payment_callbacks').insert({
      provider,
      order_no: orderNo,
      verified,
      outcome,
      payload: payload.slice(0, 20_000),
      ip,
      created_at: dbTime(DateTime.utc()),
    })
  }

  /** A provider callback. Returns the acknowledgement to send back. */
  async handleNotify(providerName: string, request: NotifyRequest, ip: string | null) {
    const provider = providerFor(providerName)
    let outcome: NotifyOutcome
    try {
      outcome = await provider.verifyNotify(request)
    } catch (error) {
      if (!(error instanceof NotifyRejectedError)) throw error
      logger.warn(
        { provider: providerName, reason: error.message, ip },
        'payment callback rejected'
      )
      await this.#record(
        providerName,
        null,
        false,
        `rejected: ${error.message}`.slice(0, 32),
        request.rawBody,
        ip
      )
      return provider.ack(false)
    }
    const result = await this.apply(provider.name, outcome)
    await this.#record(providerName, outcome.orderNo, true, result, request.rawBody, ip)
    // Known outcomes, even mismatches, are acknowledged so the provider stops retrying; the
    // mismatch is in payment_callbacks and the reconciliation report for a human.
    return provider.ack(result !== 'unknown_order')
  }

  /** Applies what the provider says about an order (from a callback or a query). */
  async apply(providerName: string, outcome: NotifyOutcome): Promise<string> {
    return db.transaction(async (trx) => {
      const order = await Order.query({ client: trx })
        .where('order_no', outcome.orderNo)
        .forUpdate()
        .first()
      if (!order) return 'unknown_order'
      if (order.provider !== providerName) return 'provider_mismatch'
      if (outcome.status === 'pending') return 'still_pending'
      if (outcome.status === 'refunded') {
        if (order.state !== 'paid') return `ignored_${order.state}`
        // The provider already gave the money back: take back what is left, whatever was spent.
        await this.wallet.reverseCredit({
          creditTransferId: order.creditTransferId!,
          userId: order.userId,
          idempotencyKey: `order:${order.orderNo}:refund`,
          reference: { type: 'order', id: order.orderNo },
          memo: `${providerName} refund`,
          force: true,
          outer: trx,
        })
        order.useTransaction(trx)
        order.merge({
          state: 'refunded',
          refundedAt: DateTime.utc(),
          refundReason: `${providerName} refund`,
        })
        await order.save()
        return 'refunded'
      }
      if (outcome.status === 'closed') {
        if (order.state !== 'pending') return `ignored_${order.state}`
        order.merge({ state: 'closed', closedAt: DateTime.utc() })
        await order.save()
        return 'closed'
      }
      if (outcome.amountFen !== order.amountFen) {
        logger.error(
          { orderNo: order.orderNo, expected: order.amountFen, got: outcome.amountFen },
          'payment amount mismatch'
        )
        return 'amount_mismatch'
      }
      if (order.state === 'paid' || order.state === 'refunded') return 'duplicate'
      // Pending, or closed by timeout and paid anyway: the money arrived, so the coins do too.
      const credit = await this.wallet.credit({
        userId: order.userId,
        paid: order.snapshot.coins,
        bonus: order.snapshot.bonusCoins
          ? [
              {
                amount: order.snapshot.bonusCoins,
                expiresAt: DateTime.utc().plus({ days: order.snapshot.bonusExpiresDays }),
              },
            ]
          : [],
        source: 'payments',
        type: 'recharge',
        idempotencyKey: `order:${order.orderNo}:credit`,
        reference: { type: 'order', id: order.orderNo },
        outer: trx,
      })
      order.useTransaction(trx)
      order.merge({
        state: 'paid',
        paidAt: DateTime.utc(),
        providerTxnId: outcome.providerTxnId,
        creditTransferId: credit.transferId,
        closedAt: null,
      })
      await order.save()
      return 'paid'
    })
  }

  /**
   * Scheduled: asks the provider about orders pending for a while and settles them; closes
   * orders past their expiry that the provider also reports unpaid. Returns what it did.
   */
  async reconcile(now = DateTime.utc()) {
    const stale = await Order.query()
      .where('state', 'pending')
      .where('created_at', '<', dbTime(now.minus({ minutes: config().reconcileAfterMinutes })))
      .orderBy('id', 'asc')
      .limit(200)
    const report = { checked: 0, paid: 0, closed: 0, mismatches: [] as string[] }
    for (const order of stale) {
      report.checked++
      let state
      try {
        state = await providerFor(order.provider).query(order.orderNo)
      } catch (error) {
        logger.warn({ err: error, orderNo: order.orderNo }, 'reconciliation query failed')
        continue
      }
      if (state.status === 'paid') {
        const result = await this.apply(order.provider, {
          orderNo: order.orderNo,
          status: 'paid',
          amountFen: state.amountFen,
          providerTxnId: state.providerTxnId,
        })
        if (result === 'paid') report.paid++
        else if (result === 'amount_mismatch') report.mismatches.push(order.orderNo)
      } else if (state.status === 'closed' || order.expiresAt < now) {
        if (
          (await this.apply(order.provider, {
            orderNo: order.orderNo,
            status: 'closed',
            amountFen: null,
            providerTxnId: null,
          })) === 'closed'
        )
          report.closed++
      }
    }
    if (report.mismatches.length)
      logger.error({ mismatches: report.mismatches }, 'reconciliation found amount mismatches')
    return report
  }

  /** Finance: refund a paid order — provider refund first, then the ledger reversal. Audited. */
  async refund(
    orderNo: string,
    reason: string,
    force: boolean,
    actor: AuditActor & { id: number },
    ip: string | null
  ) {
    const order = await Order.findBy('order_no', orderNo)
    if (!order) throw AppError.notFound('No such order')
    if (order.state !== 'paid')
      throw AppError.conflict('ORDER_NOT_REFUNDABLE', `A ${order.state} order cannot be refunded`)
    // Refuse before any money moves when the coins are gone (unless forced).
    const preview = await this.wallet.reversalPreview(order.creditTransferId!, order.userId)
    if (preview.recoverable < preview.credited && !force) {
      throw AppError.conflict(
        'COINS_ALREADY_SPENT',
        'The viewer has already spent coins from this purchase',
        preview
      )
    }
    try {
      await providerFor(order.provider).refund({
        orderNo: order.orderNo,
        refundNo: `R${order.orderNo}`.slice(0, 32),
        amountFen: order.amountFen,
        totalFen: order.amountFen,
        reason,
      })
    } catch (error) {
      providerFailure(error)
    }
    return db.transaction(async (trx) => {
      const locked = await Order.query({ client: trx })
        .where('id', order.id)
        .forUpdate()
        .firstOrFail()
      if (locked.state !== 'paid')
        throw AppError.conflict(
          'ORDER_NOT_REFUNDABLE',
          `A ${locked.state} order cannot be refunded`
        )
      const reversal = await this.wallet.reverseCredit({
        creditTransferId: locked.creditTransferId!,
        userId: locked.userId,
        idempotencyKey: `order:${locked.orderNo}:refund`,
        reference: { type: 'order', id: locked.orderNo },
        memo: reason,
        force,
        outer: trx,
      })
      locked.merge({ state: 'refunded', refundedAt: DateTime.utc(), refundReason: reason })
      await locked.save()
      const result = reversal as unknown as { recovered: number; shortfall: number }
      await recordAudit(
        {
          actor,
          action: 'payments.refund',
          target: { type: 'order', id: locked.orderNo },
          before: { state: 'paid' },
          after: {
            state: 'refunded',
            reason,
            force,
            recovered: result.recovered,
            shortfall: result.shortfall,
          },
          ip,
        },
        trx
      )
      return { order: locked, recovered: result.recovered, shortfall: result.shortfall }
    })
  }
}
