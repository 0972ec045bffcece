/*
| Every background job and periodic schedule, by module. The web process needs the names to
| dispatch; `node ace queue:work` runs the handlers.
*/
import { jobs } from '#core/queue/registry'
import { pruneFailedJobs } from '#core/queue/jobs/prune_failed_jobs'
import { computeRankings, publishScheduled } from '#modules/catalog/jobs/catalog_jobs'
import { expireBonusCoins } from '#modules/coins/jobs/expire_bonus_coins'
import { reconcileOrders } from '#modules/payments/jobs/reconcile_orders'
import { dailyPaymentReport } from '#modules/payments/jobs/daily_payment_report'
import {
  cleanupUploads,
  detectIntroOutro,
  requeueStalled,
  transcodeEpisode,
} from '#modules/media/jobs/media_jobs'

jobs.define(pruneFailedJobs)
jobs.every(24 * 60 * 60 * 1000, pruneFailedJobs.name)

jobs.define(computeRankings)
jobs.every(10 * 60 * 1000, computeRankings.name)
jobs.define(publishScheduled)
jobs.every(60 * 1000, publishScheduled.name)

jobs.define(expireBonusCoins)
jobs.every(15 * 60 * 1000, expireBonusCoins.name)
jobs.define(reconcileOrders)
jobs.every(5 * 60 * 1000, reconcileOrders.name)
jobs.define(dailyPaymentReport)
jobs.every(6 * 60 * 60 * 1000, dailyPaymentReport.name)

jobs.define(transcodeEpisode)
jobs.define(detectIntroOutro)
jobs.define(cleanupUploads)
jobs.every(60 * 60 * 1000, cleanupUploads.name)
jobs.define(requeueStalled)
jobs.every(5 * 60 * 1000, requeueStalled.name)
