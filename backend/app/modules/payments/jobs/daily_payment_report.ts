import { DateTime } from 'luxon'
import type { JobDefinition } from '#core/queue/types'
import { businessTimezone } from '#config/app'
import { PaymentReportService } from '#modules/payments/services/report_service'

/** Yesterday's reconciliation report, in the business time zone. */
export const dailyPaymentReport: JobDefinition<{ day?: string }> = {
  name: 'payments.daily_report',
  retries: 2,
  timeoutMs: 5 * 60_000,
  async handle(payload, { logger }) {
    const day =
      payload.day ?? DateTime.now().setZone(businessTimezone).minus({ days: 1 }).toISODate()!
    const report = await new PaymentReportService().store(day)
    const log = report.mismatches.length ? logger.error.bind(logger) : logger.info.bind(logger)
    log({ day, mismatches: report.mismatches.length, paid: report.paid }, 'daily payment report')
    return { day, mismatches: report.mismatches.length }
  },
}
