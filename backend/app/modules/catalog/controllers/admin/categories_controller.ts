import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { routeId } from '#core/http/request_helpers'
import {
  categoryValidator,
  reorderValidator,
  updateCategoryValidator,
} from '#modules/catalog/validators/catalog'
import { CategoryService } from '#modules/catalog/services/category_service'
import type Category from '#modules/catalog/models/category'

const show = (c: Category) => ({
  id: c.id,
  name: c.name,
  nameEn: c.nameEn,
  slug: c.slug,
  sort: c.sort,
  isActive: c.isActive,
})

@inject()
export default class CategoriesController {
  constructor(private categories: CategoryService) {}

  async index() {
    return { data: (await this.categories.adminList()).map(show) }
  }

  async store({ request, response }: HttpContext) {
    const category = await this.categories.create(await request.validateUsing(categoryValidator))
    return response.created({ category: show(category) })
  }

  async update({ params, request }: HttpContext) {
    const category = await this.categories.update(
      routeId(params.id, 'category'),
      await request.validateUsing(updateCategoryValidator)
    )
    return { category: show(category) }
  }

  async destroy({ params, response }: HttpContext) {
    await this.categories.destroy(routeId(params.id, 'category'))
    return response.noContent()
  }

  async reorder({ request }: HttpContext) {
    const { ids } = await request.validateUsing(reorderValidator)
    await this.categories.reorder(ids)
    return { data: (await this.categories.adminList()).map(show) }
  }
}
