import { createHmac, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import {
  NotifyRejectedError,
  type NotifyAck,
  type NotifyOutcome,
  type NotifyRequest,
  type OrderForProvider,
  type PaymentProvider,
  type ProviderOrderState,
} from '#modules/payments/providers/types'

/**
 * The sandbox: a payment provider for development, tests and demos that can never run in
 * production (the environment rules refuse it, and the registry will not build it). Its
 * callbacks travel the same path as real ones: POST /api/v1/payments/sandbox/notify with
 * `signature = hex(HMAC-SHA256(SANDBOX_PAYMENT_SECRET, orderNo + "|" + status + "|" + amountFen))`.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const

  constructor(private secret: string) {}

  static sign(secret: string, orderNo: string, status: string, amountFen: number) {
    return createHmac('sha256', secret).update(`${orderNo}|${status}|${amountFen}`).digest('hex')
  }

  /** The callback body the sandbox sends when its cashier settles an order. */
  notifyBody(orderNo: string, status: 'paid' | 'closed', amountFen: number) {
    return JSON.stringify({
      orderNo,
      status,
      amountFen,
      signature: SandboxProvider.sign(this.secret, orderNo, status, amountFen),
    })
  }

  async createPayment(order: OrderForProvider) {
    return {
      provider: 'sandbox',
      orderNo: order.orderNo,
      amountFen: order.amountFen,
      // The sandbox cashier: the owner confirms (or cancels) the payment there.
      confirmPath: `/api/v1/payments/sandbox/orders/${order.orderNo}/confirm`,
    }
  }

  async verifyNotify(request: NotifyRequest): Promise<NotifyOutcome> {
    let body: { orderNo?: unknown; status?: unknown; amountFen?: unknown; signature?: unknown }
    try {
      body = JSON.parse(request.rawBody)
    } catch {
      throw new NotifyRejectedError('body is not JSON')
    }
    const { orderNo, status, amountFen, signature } = body
    if (
      typeof orderNo !== 'string' ||
      (status !== 'paid' && status !== 'closed') ||
      !Number.isSafeInteger(amountFen) ||
      typeof signature !== 'string'
    ) {
      throw new NotifyRejectedError('missing or malformed fields')
    }
    const expected = Buffer.from(
      SandboxProvider.sign(this.secret, orderNo, status, amountFen as number),
      'hex'
    )
    const given = Buffer.from(signature, 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new NotifyRejectedError('bad signature')
    return { orderNo, status, amountFen: amountFen as number, providerTxnId: `sandbox-${orderNo}` }
  }

  ack(ok: boolean): NotifyAck {
    return ok
      ? { status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true }) }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ ok: false }) }
  }

  /** What the sandbox cashier recorded for the order (its "provider side"). */
  async query(orderNo: string): Promise<ProviderOrderState> {
    const row = await db.from('sandbox_payments').where('order_no', orderNo).first()
    if (!row) return { status: 'pending', amountFen: null, providerTxnId: null }
    return {
      status: row.status,
      amountFen: Number(row.amount_fen),
      providerTxnId: `sandbox-${orderNo}`,
    }
  }

  async refund(input: { refundNo: string }) {
    return { refundId: `sandbox-refund-${input.refundNo}` }
  }
}
