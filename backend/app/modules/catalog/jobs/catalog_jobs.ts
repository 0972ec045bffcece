import type { JobDefinition } from '#core/queue/types'
import { RankingService } from '#modules/catalog/services/ranking_service'
import { DramaAdminService } from '#modules/catalog/services/drama_admin_service'
import { EpisodeAdminService } from '#modules/catalog/services/episode_admin_service'

export const computeRankings: JobDefinition = {
  name: 'catalog.compute_rankings',
  retries: 2,
  timeoutMs: 120_000,
  async handle(_payload, { logger }) {
    const boards = await new RankingService().refresh()
    logger.info({ hot: boards.hot.length, rising: boards.rising.length }, 'rankings refreshed')
    return { hot: boards.hot.length }
  },
}

/** Scheduled dramas and episodes whose time has come go live. */
export const publishScheduled: JobDefinition = {
  name: 'catalog.publish_scheduled',
  retries: 2,
  timeoutMs: 60_000,
  async handle(_payload, { logger }) {
    const dramas = await new DramaAdminService().publishDue()
    const episodes = await new EpisodeAdminService().releaseDue()
    if (dramas.length || episodes) logger.info({ dramas, episodes }, 'scheduled content published')
    return { dramas, episodes }
  },
}
