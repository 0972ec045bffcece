import type { JobDefinition } from '#core/queue/types'
import { OrderService } from '#modules/payments/services/order_service'

/** Settles orders whose callback never came, and closes the unpaid ones past expiry. */
export const reconcileOrders: JobDefinition = {
  name: 'payments.reconcile_orders',
  retries: 2,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { logger }) {
    const report = await new OrderService().reconcile()
    if (report.checked) logger.info(report, 'orders reconciled')
    return report
  },
}
