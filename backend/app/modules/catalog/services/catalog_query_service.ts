import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Drama from '#modules/catalog/models/drama'
import Episode from '#modules/catalog/models/episode'
import { AppError } from '#core/exceptions/app_error'
import { cache } from '#core/cache/cache'
import { catalogKeys } from '#modules/catalog/services/catalog_cache'
import { AccessService, priceOf, type Viewer } from '#modules/catalog/services/access_service'
import {
  DramaTransformer,
  EpisodeTransformer,
} from '#modules/catalog/transformers/drama_transformer'
import { dbTime } from '#core/database/time'

export interface DramaListQuery {
  category?: string
  tag?: string
  sort: 'hot' | 'new' | 'rating'
  status?: 'ongoing' | 'completed'
  limit: number
  cursor?: string
}

/** Opaque page cursors: the offset of the next page, base64url. */
export const pageCursor = {
  encode: (offset: number) => Buffer.from(`o:${offset}`).toString('base64url'),
  decode(cursor?: string) {
    if (!cursor) return 0
    const match = Buffer.from(cursor, 'base64url')
      .toString()
      .match(/^o:(\d{1,6})$/)
    if (!match) throw AppError.invalid('cursor', 'cursor', 'Invalid cursor')
    return Number(match[1])
  },
}

/** What viewers browse: only published dramas and their released, published episodes. */
export class CatalogQueryService {
  constructor(private access = new AccessService()) {}

  published() {
    return Drama.query().where('state', 'published')
  }

  async list(query: DramaListQuery) {
    const offset = pageCursor.decode(query.cursor)
    const q = this.published().preload('categories')
    if (query.category) {
      q.whereIn(
        'id',
        db
          .from('drama_categories')
          .join('categories', 'categories.id', 'drama_categories.category_id')
          .where((w) => {
            w.where('categories.slug', query.category!)
            if (/^\d+$/.test(query.category!)) w.orWhere('categories.id', Number(query.category))
          })
          .select('drama_categories.drama_id')
      )
    }
    if (query.status) q.where('status', query.status)
    if (query.tag) q.where('search_text', 'like', `%${query.tag.toLowerCase()}%`)
    if (query.sort === 'new') q.orderBy('published_at', 'desc')
    else if (query.sort === 'rating') q.orderBy('rating', 'desc')
    else q.orderBy('hot_score', 'desc').orderBy('sort_weight', 'desc')
    q.orderBy('id', 'desc')
      .offset(offset)
      .limit(query.limit + 1)
    const rows = await q
    // A tag filter matched search_text; keep exact tag matches only.
    const page = (query.tag ? rows.filter((d) => d.tags.includes(query.tag!)) : rows).slice(
      0,
      query.limit
    )
    return {
      data: page.map((d) => DramaTransformer.card(d)),
      nextCursor: rows.length > query.limit ? pageCursor.encode(offset + query.limit) : null,
    }
  }

  /** The published drama and its visible episodes, cached per drama (shared by every viewer). */
  async #cachedDetail(id: number) {
    // Near-cached for 3 s: /play reads this on every request.
    const cached = await cache.rememberNear(catalogKeys.drama(id), 3, 300, async () => {
      const drama = await this.published().where('id', id).preload('categories').first()
      if (!drama) return null
      const episodes = await this.#visibleEpisodes(drama.id)
      return { drama: DramaTransformer.detail(drama), episodes: episodes.map((e) => e.serialize()) }
    })
    if (!cached) return null
    const drama = new Drama().merge({
      id: cached.drama.id,
      freeEpisodes: cached.drama.freeEpisodes,
      episodePriceCoins: cached.drama.episodePriceCoins,
      seriesPriceCoins: cached.drama.seriesPriceCoins,
    })
    const episodes = cached.episodes.map((row: Record<string, any>) =>
      new Episode().merge({
        id: row.id,
        dramaId: cached.drama.id,
        number: row.number,
        title: row.title,
        durationSec: row.durationSec,
        isFree: row.isFree,
        priceCoins: row.priceCoins,
        introEndSec: row.introEndSec ?? null,
        outroStartSec: row.outroStartSec ?? null,
      })
    )
    return { summary: cached.drama, drama, episodes }
  }

  /** Access is computed per caller on top of the cached drama. */
  async detail(id: number, viewer: Viewer | null) {
    const cached = await this.#cachedDetail(id)
    if (!cached) throw AppError.notFound('No such drama')
    const { drama, episodes } = cached
    const access = await this.access.forEpisodes(viewer, drama, episodes)
    return {
      ...cached.summary,
      episodes: episodes.map((e) =>
        EpisodeTransformer.forViewer(e, access.get(e.id)!, priceOf(drama, e))
      ),
    }
  }

  /**
   * One visible episode of a published drama as `viewer` may see it (for playback): access,
   * price, intro/outro marks and the next visible episode. Reads only cached data unless the
   * episode is locked by rule (then the unlock/membership resolvers decide).
   */
  async episodeForViewer(episodeId: number, viewer: Viewer | null) {
    const dramaId = await cache.rememberNear(
      catalogKeys.episodeDrama(episodeId),
      60,
      3600,
      async () => {
        const row = await db.from('episodes').where('id', episodeId).select('drama_id').first()
        return row ? Number(row.drama_id) : null
      }
    )
    const cached = dramaId ? await this.#cachedDetail(dramaId) : null
    const index = cached ? cached.episodes.findIndex((e) => e.id === episodeId) : -1
    if (!cached || index < 0) throw AppError.notFound('No such episode')
    const episode = cached.episodes[index]!
    const access = (await this.access.forEpisodes(viewer, cached.drama, [episode])).get(episode.id)!
    return {
      episode,
      dramaId: cached.drama.id,
      access,
      priceCoins: priceOf(cached.drama, episode),
      seriesPriceCoins: cached.drama.seriesPriceCoins,
      nextEpisodeId: cached.episodes[index + 1]?.id ?? null,
    }
  }

  async #visibleEpisodes(dramaId: number) {
    return Episode.query()
      .where('drama_id', dramaId)
      .where('state', 'published')
      .where((q) => q.whereNull('release_at').orWhere('release_at', '<=', dbTime(DateTime.utc())))
      .orderBy('number', 'asc')
  }

  async byIds(ids: number[]) {
    if (!ids.length) return []
    const rows = await this.published().whereIn('id', ids).preload('categories')
    const byId = new Map(rows.map((d) => [d.id, d]))
    return ids.map((id) => byId.get(id)).filter((d): d is Drama => Boolean(d))
  }

  /** Titles, tags and cast; case-insensitive substring (trigram-indexed on PostgreSQL). */
  async search(term: string, limit: number, cursor?: string) {
    const offset = pageCursor.decode(cursor)
    const needle = term.trim().toLowerCase()
    const rows = await this.published()
      .whereRaw("search_text LIKE ? ESCAPE '\\'", [
        `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      ])
      .preload('categories')
      .orderByRaw('CASE WHEN lower(title) = ? THEN 0 WHEN lower(title) LIKE ? THEN 1 ELSE 2 END', [
        needle,
        `${needle}%`,
      ])
      .orderBy('hot_score', 'desc')
      .orderBy('id', 'desc')
      .offset(offset)
      .limit(limit + 1)
    return {
      data: rows.slice(0, limit).map((d) => DramaTransformer.card(d)),
      nextCursor: rows.length > limit ? pageCursor.encode(offset + limit) : null,
    }
  }
}
