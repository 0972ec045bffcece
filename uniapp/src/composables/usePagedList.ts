import { computed, reactive } from 'vue'
import { createPagerState, CursorPager, listFooter, type FetchPage, type PagerState } from '@/utils/pagination'

/** A cursor-paginated list for a page: reactive state, the footer to show, and the pager's actions. */
export function usePagedList<T extends { id: number | string }>(fetchPage: FetchPage<T>) {
  const state = reactive(createPagerState<T>()) as PagerState<T>
  const pager = new CursorPager<T>(state, fetchPage)
  return {
    state,
    footer: computed(() => listFooter(state)),
    reload: (options?: { clear?: boolean }) => pager.reload(options),
    loadMore: () => pager.loadMore(),
    retry: () => pager.retry(),
  }
}
