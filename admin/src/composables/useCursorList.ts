import { computed, ref, shallowRef } from 'vue'
import { ApiError, type CursorPage } from '@/api/http'

/**
 * A keyset-paginated list: `reload()` fetches the first page, `loadMore()` appends the next one.
 * A reload started while an older request is still out wins: the older answer is dropped. Failed
 * requests were already toasted by the HTTP client, so they only end the loading state here.
 */
export function useCursorList<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const items = shallowRef<T[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const hasMore = computed(() => nextCursor.value !== null)
  let generation = 0

  async function run(cursor: string | null): Promise<void> {
    const current = ++generation
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage(cursor)
      if (current !== generation) return
      items.value = cursor === null ? page.data : [...items.value, ...page.data]
      nextCursor.value = page.nextCursor
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (current === generation) error.value = caught
    } finally {
      if (current === generation) loading.value = false
    }
  }

  function reload(): Promise<void> {
    return run(null)
  }

  function loadMore(): Promise<void> {
    if (nextCursor.value === null || loading.value) return Promise.resolve()
    return run(nextCursor.value)
  }

  return { items, nextCursor, hasMore, loading, error, reload, loadMore }
}
