import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { businessTimezone } from '#config/app'
import { dbTime } from '#core/database/time'
import { WalletService } from '#modules/coins/services/wallet_service'

export interface Mismatch {
  kind: 'amount_mismatch' | 'rejected_callback' | 'paid_without_credit' | 'stuck_pending'
  orderNo: string | null
  detail: string
}

/**
 * The daily reconciliation report for one business day (BUSINESS_TIMEZONE): money in, refunds,
 * and everything that needs a human — amount mismatches, rejected callbacks, paid orders
 * without exactly one credit, orders still pending an hour after they expired.
 */
export class PaymentReportService {
  async build(day: string) {
    const start = DateTime.fromISO(day, { zone: businessTimezone }).startOf('day')
    const end = start.plus({ days: 1 })
    const range: [string, string] = [dbTime(start), dbTime(end)]

    const paid = await db
      .from('orders')
      .whereIn('state', ['paid', 'refunded'])
      .whereBetween('paid_at', range)
      .select('provider')
      .count('* as n')
      .sum('amount_fen as fen')
      .groupBy('provider')
    const refunded = await db
      .from('orders')
      .where('state', 'refunded')
      .whereBetween('refunded_at', range)
      .count('* as n')
      .sum('amount_fen as fen')
      .first()
    const mismatches: Mismatch[] = []

    const callbacks = await db
      .from('payment_callbacks')
      .whereBetween('created_at', range)
      .where((q) => q.where('outcome', 'amount_mismatch').orWhere('verified', false))
    for (const c of callbacks) {
      mismatches.push(
        c.outcome === 'amount_mismatch'
          ? {
              kind: 'amount_mismatch',
              orderNo: c.order_no,
              detail: `${c.provider} callback amount differs from the order`,
            }
          : {
              kind: 'rejected_callback',
              orderNo: c.order_no,
              detail: `${c.provider}: ${c.outcome}`,
            }
      )
    }
    const credits = await new WalletService().creditCounts('recharge', 'order')
    const paidOrders = await db
      .from('orders')
      .whereIn('state', ['paid', 'refunded'])
      .whereBetween('paid_at', range)
      .select('order_no')
    for (const o of paidOrders) {
      if (credits.get(o.order_no) !== 1) {
        mismatches.push({
          kind: 'paid_without_credit',
          orderNo: o.order_no,
          detail: `${credits.get(o.order_no) ?? 0} credits`,
        })
      }
    }
    const stuck = await db
      .from('orders')
      .where('state', 'pending')
      .where('expires_at', '<', dbTime(DateTime.utc().minus({ hours: 1 })))
      .whereBetween('created_at', range)
      .select('order_no', 'provider')
    for (const o of stuck)
      mismatches.push({
        kind: 'stuck_pending',
        orderNo: o.order_no,
        detail: `${o.provider} order still pending after expiry`,
      })

    return {
      day,
      timezone: businessTimezone,
      paid: paid.map((r) => ({
        provider: r.provider,
        orders: Number(r.n),
        amountFen: Number(r.fen ?? 0),
      })),
      refunded: { orders: Number(refunded?.n ?? 0), amountFen: Number(refunded?.fen ?? 0) },
      mismatches,
    }
  }

  /** Builds and stores the report (idempotent per day). */
  async store(day: string) {
    const report = await this.build(day)
    await db
      .table('payment_reports')
      .insert({
        day,
        summary: JSON.stringify(report),
        mismatches: report.mismatches.length,
        created_at: dbTime(),
      })
      .onConflict('day')
      .merge(['summary', 'mismatches', 'created_at'])
    return report
  }

  async find(day: string) {
    const row = await db.from('payment_reports').where('day', day).first()
    return row ? JSON.parse(row.summary) : null
  }
}
