import { cache } from '#core/cache/cache'

/** Keys of the catalog's cached reads, in one place so edits invalidate exactly what they change. */
export const catalogKeys = {
  drama: (id: number) => `catalog:drama:${id}`,
  categories: () => 'catalog:categories',
  /** Which drama an episode belongs to (never changes). */
  episodeDrama: (id: number) => `catalog:episode-drama:${id}`,
}

export function forgetDrama(id: number) {
  return cache.forget(catalogKeys.drama(id))
}

export function forgetCategories() {
  return cache.forget(catalogKeys.categories())
}
