import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import {
  batchPricingValidator,
  createEpisodeValidator,
  reorderValidator,
  scheduleValidator,
  updateEpisodeValidator,
} from '#modules/catalog/validators/catalog'
import { EpisodeAdminService } from '#modules/catalog/services/episode_admin_service'
import { EpisodeTransformer } from '#modules/catalog/transformers/drama_transformer'
import { adminActor, routeId } from '#core/http/request_helpers'
import { AppError } from '#core/exceptions/app_error'

const toDate = (value: string | null | undefined) =>
  value === undefined
    ? undefined
    : value === null
      ? null
      : DateTime.fromISO(value, { setZone: true }).toUTC()

function checkRange(range: { from: number; to: number }) {
  if (range.from > range.to) {
    throw AppError.invalid('to', 'range', 'to must be at least from')
  }
}

@inject()
export default class EpisodesController {
  constructor(private episodes: EpisodeAdminService) {}

  async index({ params }: HttpContext) {
    const rows = await this.episodes.list(routeId(params.id, 'drama'))
    return { data: rows.map((e) => EpisodeTransformer.admin(e)) }
  }

  async store(ctx: HttpContext) {
    const { releaseAt, ...input } = await ctx.request.validateUsing(createEpisodeValidator)
    const episode = await this.episodes.create(
      routeId(ctx.params.id, 'drama'),
      { ...input, releaseAt: toDate(releaseAt) },
      adminActor(ctx)
    )
    return ctx.response.created({ episode: EpisodeTransformer.admin(episode) })
  }

  async update(ctx: HttpContext) {
    const { releaseAt, ...input } = await ctx.request.validateUsing(updateEpisodeValidator)
    const episode = await this.episodes.update(
      routeId(ctx.params.id, 'episode'),
      { ...input, releaseAt: toDate(releaseAt) },
      adminActor(ctx)
    )
    return { episode: EpisodeTransformer.admin(episode) }
  }

  async destroy(ctx: HttpContext) {
    await this.episodes.destroy(routeId(ctx.params.id, 'episode'), adminActor(ctx))
    return ctx.response.noContent()
  }

  async batchPricing(ctx: HttpContext) {
    const { from, to, ...changes } = await ctx.request.validateUsing(batchPricingValidator)
    checkRange({ from, to })
    if (changes.priceCoins === undefined && changes.isFree === undefined) {
      throw AppError.invalid('priceCoins', 'required', 'Give priceCoins, isFree or both')
    }
    const updated = await this.episodes.batchPricing(
      routeId(ctx.params.id, 'drama'),
      { from, to },
      changes,
      adminActor(ctx)
    )
    return { updated }
  }

  async schedule(ctx: HttpContext) {
    const { from, to, releaseAt } = await ctx.request.validateUsing(scheduleValidator)
    checkRange({ from, to })
    const updated = await this.episodes.schedule(
      routeId(ctx.params.id, 'drama'),
      { from, to },
      toDate(releaseAt) ?? null,
      adminActor(ctx)
    )
    return { updated }
  }

  async publishReady(ctx: HttpContext) {
    const published = await this.episodes.publishReady(
      routeId(ctx.params.id, 'drama'),
      adminActor(ctx)
    )
    return { published }
  }

  async reorder(ctx: HttpContext) {
    const { ids } = await ctx.request.validateUsing(reorderValidator)
    await this.episodes.reorder(routeId(ctx.params.id, 'drama'), ids, adminActor(ctx))
    const rows = await this.episodes.list(routeId(ctx.params.id, 'drama'))
    return { data: rows.map((e) => EpisodeTransformer.admin(e)) }
  }
}
