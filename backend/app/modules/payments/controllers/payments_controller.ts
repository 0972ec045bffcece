import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import {
  createOrderValidator,
  packagesQueryValidator,
  sandboxConfirmValidator,
} from '#modules/payments/validators/payments'
import { OrderService } from '#modules/payments/services/order_service'
import { PackageService } from '#modules/payments/services/package_service'
import {
  OrderTransformer,
  PackageTransformer,
} from '#modules/payments/transformers/order_transformer'
import { SandboxProvider } from '#modules/payments/providers/sandbox_provider'
import { providerFor, providersForPlatform } from '#modules/payments/providers/registry'
import { AppError } from '#core/exceptions/app_error'
import { dbTime } from '#core/database/time'

@inject()
export default class PaymentsController {
  constructor(
    private orders: OrderService,
    private packages: PackageService
  ) {}

  async packagesIndex({ request }: HttpContext) {
    const { platform } = await request.validateUsing(packagesQueryValidator, { data: request.qs() })
    return {
      data: (await this.packages.forPlatform(platform)).map((p) => PackageTransformer.forViewer(p)),
    }
  }

  /** The payment methods this server offers on the caller's platform. */
  async providers({ request }: HttpContext) {
    const { platform } = await request.validateUsing(packagesQueryValidator, { data: request.qs() })
    return { data: providersForPlatform(platform) }
  }

  async store({ auth, request, response }: HttpContext) {
    const input = await request.validateUsing(createOrderValidator)
    const user = auth.use('api').getUserOrFail()
    const { order, payment } = await this.orders.createRecharge({
      userId: user.id,
      packageId: input.itemId,
      provider: input.provider,
      platform: input.platform,
      ip: request.ip(),
      openid: user.wechatOpenid,
    })
    return response.created({ order: OrderTransformer.forViewer(order), payment })
  }

  async show({ auth, params }: HttpContext) {
    const order = await this.orders.findForUser(
      auth.use('api').getUserOrFail().id,
      String(params.id)
    )
    return { order: OrderTransformer.forViewer(order) }
  }

  /** Provider callbacks: verified over the raw body before anything else. */
  async notify({ params, request, response }: HttpContext) {
    const ack = await this.orders.handleNotify(
      String(params.provider),
      { headers: request.headers(), rawBody: request.raw() ?? '' },
      request.ip()
    )
    response.status(ack.status).header('content-type', ack.contentType)
    return response.send(ack.body)
  }

  /**
   * The sandbox cashier (never in production): the order's owner pays or cancels, the sandbox
   * records it and sends its signed callback through the same notify path as real providers.
   */
  async sandboxConfirm({ auth, params, request }: HttpContext) {
    const provider = providerFor('sandbox') as SandboxProvider
    const { result } = await request.validateUsing(sandboxConfirmValidator)
    const order = await this.orders.findForUser(
      auth.use('api').getUserOrFail().id,
      String(params.orderNo)
    )
    if (order.provider !== 'sandbox') throw AppError.notFound('No such sandbox order')
    await db
      .table('sandbox_payments')
      .insert({
        order_no: order.orderNo,
        status: result,
        amount_fen: order.amountFen,
        created_at: dbTime(DateTime.utc()),
      })
      .onConflict('order_no')
      .ignore()
    const body = provider.notifyBody(order.orderNo, result, order.amountFen)
    await this.orders.handleNotify('sandbox', { headers: {}, rawBody: body }, request.ip())
    await order.refresh()
    return { order: OrderTransformer.forViewer(order) }
  }
}
