import { http } from './http'

/** A drama category as operators manage it; viewers see only the active ones, in `sort` order. */
export interface Category {
  id: number
  name: string
  nameEn: string | null
  slug: string
  sort: number
  isActive: boolean
}

export interface CategoryInput {
  name: string
  nameEn?: string | null
  slug: string
  sort?: number
  isActive?: boolean
}

export const CATEGORY_NAME_MAX = 32
export const CATEGORY_NAME_EN_MAX = 64
/** What the server accepts as a slug: lower-case letters, digits and dashes, 1–48 of them. */
export const CATEGORY_SLUG_PATTERN = /^[a-z0-9-]{1,48}$/

function categoryPath(id: number | string, action = ''): string {
  return `/admin/v1/categories/${encodeURIComponent(String(id))}${action}`
}

/** Every category, active or not, in operator order. */
export async function listCategories(): Promise<Category[]> {
  const result = await http.get<{ data: Category[] }>('/admin/v1/categories')
  return result.data
}

/** The dialog shows SLUG_TAKEN and field errors next to the fields, so no toast. */
export async function createCategory(input: CategoryInput): Promise<Category> {
  const result = await http.post<{ category: Category }>('/admin/v1/categories', input, { silent: true })
  return result.category
}

/** Only the fields present change. Silent: the dialog and the list switch show the error themselves. */
export async function updateCategory(id: number | string, input: Partial<CategoryInput>): Promise<Category> {
  const result = await http.patch<{ category: Category }>(categoryPath(id), input, { silent: true })
  return result.category
}

export function deleteCategory(id: number | string): Promise<void> {
  return http.delete<void>(categoryPath(id))
}

/** `ids` in the new order (every category); answers the whole list renumbered. */
export async function reorderCategories(ids: number[]): Promise<Category[]> {
  const result = await http.post<{ data: Category[] }>('/admin/v1/categories/reorder', { ids })
  return result.data
}
