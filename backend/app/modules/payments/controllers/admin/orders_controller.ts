import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Order from '#modules/payments/models/order'
import { PaymentReportService } from '#modules/payments/services/report_service'
import { WalletService } from '#modules/coins/services/wallet_service'
import {
  adminOrdersValidator,
  packageValidator,
  refundValidator,
  updatePackageValidator,
} from '#modules/payments/validators/payments'
import { OrderService } from '#modules/payments/services/order_service'
import { PackageService } from '#modules/payments/services/package_service'
import {
  OrderTransformer,
  PackageTransformer,
} from '#modules/payments/transformers/order_transformer'
import { adminActor, pageLimit, routeId } from '#core/http/request_helpers'
import { AppError } from '#core/exceptions/app_error'
import { fromDb } from '#core/database/time'

@inject()
export default class AdminOrdersController {
  constructor(
    private orders: OrderService,
    private packages: PackageService
  ) {}

  async index({ request }: HttpContext) {
    const f = await request.validateUsing(adminOrdersValidator, { data: request.qs() })
    const query = Order.query().orderBy('id', 'desc')
    if (f.state) query.where('state', f.state)
    if (f.provider) query.where('provider', f.provider)
    if (f.userId) query.where('user_id', f.userId)
    if (f.orderNo) query.where('order_no', f.orderNo)
    const page = await query.paginate(f.page ?? 1, pageLimit(f.limit))
    return {
      data: page.all().map((o) => OrderTransformer.forStaff(o)),
      meta: {
        total: page.total,
        page: page.currentPage,
        lastPage: page.lastPage,
        limit: page.perPage,
      },
    }
  }

  /** The order with every callback received for it. */
  async show({ params }: HttpContext) {
    const order = await Order.findBy('order_no', String(params.id))
    if (!order) throw AppError.notFound('No such order')
    const callbacks = await db
      .from('payment_callbacks')
      .where('order_no', order.orderNo)
      .orderBy('id', 'asc')
    return {
      order: OrderTransformer.forStaff(order),
      // Both sides of every ledger transfer for this order: the credit and any refund.
      ledger: await new WalletService().entriesFor({ type: 'order', id: order.orderNo }),
      callbacks: callbacks.map((c) => ({
        id: Number(c.id),
        verified: Boolean(c.verified),
        outcome: c.outcome,
        createdAt: fromDb(c.created_at).toISO(),
      })),
    }
  }

  async refund(ctx: HttpContext) {
    const { reason, force } = await ctx.request.validateUsing(refundValidator)
    const result = await this.orders.refund(
      String(ctx.params.id),
      reason,
      force ?? false,
      adminActor(ctx),
      ctx.request.ip()
    )
    return {
      order: OrderTransformer.forStaff(result.order),
      recovered: result.recovered,
      shortfall: result.shortfall,
    }
  }

  /** `?day=YYYY-MM-DD` (business day); built on demand when the job has not stored it yet. */
  async report({ request }: HttpContext) {
    const day = String(request.qs().day ?? '')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) {
      throw AppError.invalid('day', 'date', 'day must be a date like 2026-11-21')
    }
    const reports = new PaymentReportService()
    return { report: (await reports.find(day)) ?? (await reports.build(day)) }
  }

  async packagesIndex() {
    return { data: (await this.packages.all()).map((p) => PackageTransformer.forStaff(p)) }
  }

  async packagesStore({ request, response }: HttpContext) {
    const pkg = await this.packages.create(await request.validateUsing(packageValidator))
    return response.created({ package: PackageTransformer.forStaff(pkg) })
  }

  async packagesUpdate({ params, request }: HttpContext) {
    const id = routeId(params.id, 'package')
    const pkg = await this.packages.update(id, await request.validateUsing(updatePackageValidator))
    return { package: PackageTransformer.forStaff(pkg) }
  }
}
