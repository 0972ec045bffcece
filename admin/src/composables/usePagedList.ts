import { ref, shallowRef } from 'vue'
import { ApiError, type NumberedPage } from '@/api/http'

/**
 * A page-numbered list (`?page=&limit=` → `{ data, meta }`), shown one page at a time with a
 * pager. A load started while an older request is still out wins: the older answer is dropped.
 * Failed requests were already toasted by the HTTP client, so they only end the loading state.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<NumberedPage<T>>) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const lastPage = ref(1)
  const limit = ref(0)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let generation = 0

  async function load(wanted = page.value): Promise<void> {
    const current = ++generation
    loading.value = true
    error.value = null
    try {
      const result = await fetchPage(Math.max(1, Math.floor(wanted) || 1))
      if (current !== generation) return
      items.value = result.data
      total.value = result.meta.total
      page.value = result.meta.page
      lastPage.value = Math.max(1, result.meta.lastPage)
      limit.value = result.meta.limit
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (current === generation) error.value = caught
    } finally {
      if (current === generation) loading.value = false
    }
  }

  /** The same page again (after an edit); one page back when the last row of a later page went away. */
  async function refresh(): Promise<void> {
    await load(page.value)
    if (items.value.length === 0 && page.value > 1 && error.value === null) await load(Math.min(page.value - 1, lastPage.value))
  }

  return { items, total, page, lastPage, limit, loading, error, load, refresh }
}
