import { readFileSync } from 'node:fs'
import db from '@adonisjs/lucid/services/db'
import {
  Environment,
  SignedDataVerifier,
  VerificationException,
} from '@apple/app-store-server-library'
import {
  NotifyRejectedError,
  ProviderError,
  type NotifyAck,
  type NotifyOutcome,
  type NotifyRequest,
  type OrderForProvider,
  type PaymentProvider,
  type ProviderOrderState,
} from '#modules/payments/providers/types'

export interface AppleConfig {
  bundleId: string
  appAppleId?: number
  environment: 'Production' | 'Sandbox'
  /** Apple Root CA - G3 (and any other trusted roots), DER or PEM files shipped with the deployment. */
  rootCertificatePaths: string[]
  /** Tests pass the root certificates directly. */
  rootCertificates?: Buffer[]
}

/**
 * Apple in-app purchase of consumable coin packs. The app buys `productId` with
 * `appAccountToken` = the order's client token; App Store Server Notifications V2 arrive as a
 * JWS whose x5c chain must lead to Apple's root (verified by @apple/app-store-server-library),
 * with the signed transaction inside naming the order.
 */
export class AppleProvider implements PaymentProvider {
  readonly name = 'apple' as const
  #verifier: SignedDataVerifier

  constructor(config: AppleConfig) {
    const roots =
      config.rootCertificates ?? config.rootCertificatePaths.map((path) => readFileSync(path))
    this.#verifier = new SignedDataVerifier(
      roots,
      false,
      config.environment === 'Production' ? Environment.PRODUCTION : Environment.SANDBOX,
      config.bundleId,
      config.appAppleId
    )
  }

  async createPayment(order: OrderForProvider) {
    if (!order.appleProductId)
      throw new ProviderError('apple', 'This package has no App Store product', 'NO_PRODUCT')
    return {
      provider: 'apple',
      productId: order.appleProductId,
      appAccountToken: order.clientToken,
      orderNo: order.orderNo,
    }
  }

  async verifyNotify(request: NotifyRequest): Promise<NotifyOutcome> {
    let signedPayload: unknown
    try {
      signedPayload = JSON.parse(request.rawBody).signedPayload
    } catch {
      throw new NotifyRejectedError('body is not JSON')
    }
    if (typeof signedPayload !== 'string') throw new NotifyRejectedError('missing signedPayload')
    try {
      const notification = await this.#verifier.verifyAndDecodeNotification(signedPayload)
      const signedTransaction = notification.data?.signedTransactionInfo
      if (!signedTransaction)
        throw new NotifyRejectedError(`no transaction in ${notification.notificationType}`)
      const tx = await this.#verifier.verifyAndDecodeTransaction(signedTransaction)
      const order = tx.appAccountToken
        ? await db.from('orders').where('client_token', tx.appAccountToken).first()
        : null
      if (!order) throw new NotifyRejectedError('appAccountToken names no order')
      const type = notification.notificationType as string
      const status =
        type === 'REFUND' || tx.revocationDate
          ? 'refunded'
          : type === 'ONE_TIME_CHARGE'
            ? 'paid'
            : 'pending'
      return {
        orderNo: order.order_no,
        status,
        // Apple prices are in milliunits of the currency; orders are in fen (CNY).
        amountFen:
          tx.currency === 'CNY' && typeof tx.price === 'number' ? Math.round(tx.price / 10) : null,
        providerTxnId: tx.transactionId ?? null,
      }
    } catch (error) {
      if (error instanceof NotifyRejectedError) throw error
      if (error instanceof VerificationException)
        throw new NotifyRejectedError(`JWS verification failed (status ${error.status})`)
      throw error
    }
  }

  ack(ok: boolean): NotifyAck {
    return ok
      ? { status: 200, contentType: 'application/json', body: '' }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ ok: false }) }
  }

  /** Without App Store Server API credentials there is nothing to ask; Apple redelivers instead. */
  async query(): Promise<ProviderOrderState> {
    return { status: 'pending', amountFen: null, providerTxnId: null }
  }

  async refund(): Promise<{ refundId: string }> {
    throw new ProviderError(
      'apple',
      'Apple issues App Store refunds itself; they arrive as REFUND notifications',
      'REFUND_BY_APPLE'
    )
  }
}
