import db from '@adonisjs/lucid/services/db'
import Category from '#modules/catalog/models/category'
import { AppError } from '#core/exceptions/app_error'
import { cache } from '#core/cache/cache'
import { catalogKeys, forgetCategories } from '#modules/catalog/services/catalog_cache'
import { isUniqueViolation } from '#core/database/errors'

export interface CategoryInput {
  name: string
  nameEn?: string | null
  slug: string
  sort?: number
  isActive?: boolean
}

export interface PublicCategory {
  id: number
  name: string
  nameEn: string | null
  slug: string
}

export class CategoryService {
  /** Active categories in order, cached until one changes. */
  publicList(): Promise<PublicCategory[]> {
    return cache.remember(catalogKeys.categories(), 600, async () => {
      const rows = await Category.query()
        .where('is_active', true)
        .orderBy('sort', 'asc')
        .orderBy('id', 'asc')
      return rows.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, slug: c.slug }))
    })
  }

  adminList() {
    return Category.query().orderBy('sort', 'asc').orderBy('id', 'asc')
  }

  async create(input: CategoryInput) {
    try {
      const category = await db.transaction((trx) =>
        Category.create({ sort: 0, isActive: true, ...input }, { client: trx })
      )
      await forgetCategories()
      return category
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.conflict('SLUG_TAKEN', `A category with slug "${input.slug}" exists`)
      throw error
    }
  }

  async update(id: number, input: Partial<CategoryInput>) {
    const category = await Category.find(id)
    if (!category) throw AppError.notFound('No such category')
    category.merge(input)
    try {
      await db.transaction((trx) => category.useTransaction(trx).save())
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.conflict('SLUG_TAKEN', `A category with slug "${input.slug}" exists`)
      throw error
    }
    await forgetCategories()
    return category
  }

  async destroy(id: number) {
    const category = await Category.find(id)
    if (!category) throw AppError.notFound('No such category')
    await category.delete()
    await forgetCategories()
  }

  async reorder(orderedIds: number[]) {
    for (const [i, id] of orderedIds.entries())
      await Category.query().where('id', id).update({ sort: i })
    await forgetCategories()
  }
}
