import type Drama from '#modules/catalog/models/drama'
import type Episode from '#modules/catalog/models/episode'
import type { EpisodeAccess } from '#modules/catalog/services/access_service'

const iso = (value: { toISO(): string | null } | null | undefined) => value?.toISO() ?? null

export class DramaTransformer {
  /** Grid and list cards. */
  static card(drama: Drama) {
    return {
      id: drama.id,
      title: drama.title,
      coverUrl: drama.coverUrl,
      tags: drama.tags,
      status: drama.status,
      plannedEpisodes: drama.plannedEpisodes,
      rating: drama.rating / 10,
      editorPick: drama.editorPick,
      isSponsored: drama.isSponsored,
      categories: (drama.categories ?? []).map((c) => ({ id: c.id, name: c.name, slug: c.slug })),
    }
  }

  /** The drama page, before the caller's episode access is added. */
  static detail(drama: Drama) {
    return {
      ...DramaTransformer.card(drama),
      synopsis: drama.synopsis,
      bannerUrl: drama.bannerUrl,
      cast: drama.cast,
      region: drama.region,
      language: drama.language,
      freeEpisodes: drama.freeEpisodes,
      episodePriceCoins: drama.episodePriceCoins,
      seriesPriceCoins: drama.seriesPriceCoins,
      publishedAt: iso(drama.publishedAt),
    }
  }

  static admin(drama: Drama & { $extras?: Record<string, unknown> }) {
    return {
      ...DramaTransformer.detail(drama),
      rating: drama.rating,
      sortWeight: drama.sortWeight,
      hotScore: drama.hotScore,
      state: drama.state,
      reviewNote: drama.reviewNote,
      reviewedAt: iso(drama.reviewedAt),
      publishAt: iso(drama.publishAt),
      episodeCount:
        drama.$extras?.episodes_count !== undefined
          ? Number(drama.$extras.episodes_count)
          : undefined,
      createdAt: iso(drama.createdAt),
      updatedAt: iso(drama.updatedAt),
    }
  }
}

export class EpisodeTransformer {
  static forViewer(episode: Episode, access: EpisodeAccess, priceCoins: number) {
    return {
      id: episode.id,
      number: episode.number,
      title: episode.title ?? null,
      durationSec: episode.durationSec,
      access,
      priceCoins: access === 'free' ? 0 : priceCoins,
    }
  }

  static admin(episode: Episode) {
    return {
      id: episode.id,
      dramaId: episode.dramaId,
      number: episode.number,
      title: episode.title ?? null,
      durationSec: episode.durationSec,
      isFree: episode.isFree ?? null,
      priceCoins: episode.priceCoins ?? null,
      introEndSec: episode.introEndSec ?? null,
      outroStartSec: episode.outroStartSec ?? null,
      state: episode.state,
      failureReason: episode.failureReason ?? null,
      releaseAt: iso(episode.releaseAt),
      publishedAt: iso(episode.publishedAt),
    }
  }
}
