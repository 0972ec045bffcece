import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import {
  listDramasValidator,
  rankingValidator,
  searchValidator,
} from '#modules/catalog/validators/catalog'
import { CatalogQueryService } from '#modules/catalog/services/catalog_query_service'
import { CategoryService } from '#modules/catalog/services/category_service'
import { RankingService } from '#modules/catalog/services/ranking_service'
import { DramaTransformer } from '#modules/catalog/transformers/drama_transformer'
import { DramaAdminService } from '#modules/catalog/services/drama_admin_service'
import { pageLimit, routeId } from '#core/http/request_helpers'

@inject()
export default class CatalogController {
  constructor(
    private catalog: CatalogQueryService,
    private categories: CategoryService,
    private rankings: RankingService
  ) {}

  async categoriesIndex() {
    return { data: await this.categories.publicList() }
  }

  async index({ request }: HttpContext) {
    const q = await request.validateUsing(listDramasValidator, { data: request.qs() })
    return this.catalog.list({ ...q, sort: q.sort ?? 'hot', limit: pageLimit(q.limit) })
  }

  /** Signed-in viewers get their own access per episode; anonymous callers see free/locked. */
  async show({ params, auth }: HttpContext) {
    const id = routeId(params.id, 'drama')
    const guard = auth.use('api')
    const viewer = (await guard.check()) ? { id: guard.user!.id } : null
    return this.catalog.detail(id, viewer)
  }

  async ranking({ params, request }: HttpContext) {
    const { board, limit } = await request.validateUsing(rankingValidator, {
      data: { ...request.qs(), board: params.board },
    })
    const { entries, source } = await this.rankings.read(board, pageLimit(limit))
    const dramas = await this.catalog.byIds(entries.map((e) => e.dramaId))
    const scores = new Map(entries.map((e) => [e.dramaId, e.score]))
    return {
      board,
      source,
      data: dramas.map((d, i) => ({
        rank: i + 1,
        score: scores.get(d.id) ?? 0,
        drama: DramaTransformer.card(d),
      })),
    }
  }

  async image({ params, response }: HttpContext) {
    const id = routeId(params.id, 'image')
    const { stream, type } = await new DramaAdminService().readImage(id, String(params.file))
    response.header('content-type', type)
    response.header('cache-control', 'public, max-age=31536000, immutable')
    return response.stream(stream)
  }

  async search({ request }: HttpContext) {
    const { q, limit, cursor } = await request.validateUsing(searchValidator, {
      data: request.qs(),
    })
    return this.catalog.search(q, pageLimit(limit), cursor)
  }
}
