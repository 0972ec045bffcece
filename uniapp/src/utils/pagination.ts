import type { Page } from '@/api/catalog'

export type FetchPage<T> = (cursor: string | null) => Promise<Page<T>>

/**
 * A cursor-paginated list as the pages show it. The pager only mutates this object, so a page
 * can hand in a `reactive()` one and render it directly.
 */
export interface PagerState<T> {
  items: T[]
  /** Where the next page starts; null before the first page and after the last one. */
  nextCursor: string | null
  /** The first page has arrived (an empty list is then "no results", not "loading"). */
  loaded: boolean
  /** The last page has arrived. */
  done: boolean
  /** A request is on its way: the first page (`loaded` false or a refresh) or the next one. */
  loading: boolean
  /** Why the last request failed; cleared when the next one starts. */
  error: unknown
  /** Which request failed: the first page (or a refresh), or a next page. */
  failed: 'first' | 'more' | null
}

export function createPagerState<T>(): PagerState<T> {
  return { items: [], nextCursor: null, loaded: false, done: false, loading: false, error: null, failed: null }
}

/**
 * Loads pages one after another and appends them. Offset cursors can repeat an item when the
 * order changed between two pages (a drama climbed the hot list), so items already shown are
 * skipped. A reload (new filter, pull-down refresh) makes every answer still on its way stale:
 * it is dropped when it arrives. Nothing here throws; failures land in `state.error`.
 */
export class CursorPager<T extends { id: number | string }> {
  #generation = 0

  constructor(
    readonly state: PagerState<T>,
    private readonly fetchPage: FetchPage<T>,
  ) {}

  /** First page again. `clear` empties the list at once (a new filter); otherwise it stays until the answer replaces it (refresh). */
  async reload(options: { clear?: boolean } = {}): Promise<void> {
    const generation = ++this.#generation
    if (options.clear) {
      this.state.items = []
      this.state.loaded = false
    }
    this.#start()
    try {
      const page = await this.fetchPage(null)
      if (generation !== this.#generation) return
      this.state.items = unique(page.data)
      this.#finish(page)
    } catch (caught) {
      if (generation === this.#generation) this.#fail(caught, 'first')
    }
  }

  /**
   * The next page, unless one is on its way, the list is complete, the first page is missing or
   * the last attempt failed (scrolling does not hammer a failing API: `retry` does it on request).
   */
  async loadMore(): Promise<void> {
    const { state } = this
    if (state.loading || state.done || !state.loaded || state.nextCursor === null || state.failed !== null) return
    const generation = this.#generation
    this.#start()
    try {
      const page = await this.fetchPage(state.nextCursor)
      if (generation !== this.#generation) return
      const seen = new Set(state.items.map((item) => item.id))
      state.items = [...state.items, ...unique(page.data).filter((item) => !seen.has(item.id))]
      this.#finish(page)
    } catch (caught) {
      if (generation === this.#generation) this.#fail(caught, 'more')
    }
  }

  /** After a failure: the request that failed, again. */
  retry(): Promise<void> {
    const failed = this.state.failed
    if (failed === 'more') {
      this.state.failed = null
      this.state.error = null
      return this.loadMore()
    }
    return this.reload({ clear: !this.state.loaded })
  }

  #start(): void {
    this.state.loading = true
    this.state.error = null
    this.state.failed = null
  }

  #finish(page: Page<T>): void {
    this.state.nextCursor = page.nextCursor
    this.state.done = page.nextCursor === null
    this.state.loaded = true
    this.state.loading = false
  }

  #fail(caught: unknown, failed: 'first' | 'more'): void {
    this.state.error = caught
    this.state.failed = failed
    this.state.loading = false
  }
}

function unique<T extends { id: number | string }>(items: T[]): T[] {
  const seen = new Set<number | string>()
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)))
}

/** What to show under a list: nothing yet, a spinner, the end, or a retry for a failed next page. */
export type ListFooter = 'none' | 'loading' | 'done' | 'error'

export function listFooter(state: PagerState<unknown>): ListFooter {
  if (!state.loaded || state.items.length === 0) return 'none'
  if (state.failed === 'more') return 'error'
  if (state.loading) return 'loading'
  return state.done ? 'done' : 'none'
}
