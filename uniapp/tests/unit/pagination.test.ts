import { describe, expect, it } from 'vitest'
import type { Page } from '@/api/catalog'
import { createPagerState, CursorPager, listFooter, type PagerState } from '@/utils/pagination'

interface Item {
  id: number
}

const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }))

/** A data source whose answers the test hands out one by one, in any order. */
function controlledSource() {
  const calls: { cursor: string | null; resolve: (page: Page<Item>) => void; reject: (error: unknown) => void }[] = []
  const fetchPage = (cursor: string | null) =>
    new Promise<Page<Item>>((resolve, reject) => {
      calls.push({ cursor, resolve, reject })
    })
  return { calls, fetchPage }
}

function pagerOver(pages: Record<string, Page<Item>>) {
  const state = createPagerState<Item>()
  const cursors: (string | null)[] = []
  const pager = new CursorPager(state, async (cursor) => {
    cursors.push(cursor)
    const page = pages[cursor ?? 'first']
    if (!page) throw new Error(`no page for ${cursor}`)
    return page
  })
  return { state, pager, cursors }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('CursorPager', () => {
  it('loads the first page, then the next ones by cursor, and stops at the last', async () => {
    const { state, pager, cursors } = pagerOver({
      first: { data: items(1, 2), nextCursor: 'c2' },
      c2: { data: items(3, 4), nextCursor: 'c3' },
      c3: { data: items(5), nextCursor: null },
    })
    expect(listFooter(state)).toBe('none')

    await pager.reload()
    expect(state).toMatchObject({ items: items(1, 2), loaded: true, done: false, nextCursor: 'c2', loading: false })
    await pager.loadMore()
    await pager.loadMore()
    expect(state.items).toEqual(items(1, 2, 3, 4, 5))
    expect(state.done).toBe(true)
    expect(listFooter(state)).toBe('done')

    await pager.loadMore()
    expect(cursors).toEqual([null, 'c2', 'c3'])
  })

  it('does not ask for more before the first page has arrived', async () => {
    const { state, pager, cursors } = pagerOver({ first: { data: items(1), nextCursor: 'c2' } })
    await pager.loadMore()
    expect(cursors).toEqual([])
    expect(state.loaded).toBe(false)
  })

  it('asks for a page once while it is on its way', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const first = pager.reload()
    source.calls[0]?.resolve({ data: items(1), nextCursor: 'c2' })
    await first

    const a = pager.loadMore()
    const b = pager.loadMore()
    expect(source.calls).toHaveLength(2)
    expect(state.loading).toBe(true)
    expect(listFooter(state)).toBe('loading')
    source.calls[1]?.resolve({ data: items(2), nextCursor: null })
    await Promise.all([a, b])
    expect(state.items).toEqual(items(1, 2))
  })

  it('skips items a later page repeats (the order changed between pages)', async () => {
    const { state, pager } = pagerOver({
      first: { data: items(1, 2, 3), nextCursor: 'c2' },
      c2: { data: items(3, 4, 4), nextCursor: null },
    })
    await pager.reload()
    await pager.loadMore()
    expect(state.items).toEqual(items(1, 2, 3, 4))
  })

  it('drops answers to requests made before a reload', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const first = pager.reload()
    source.calls[0]?.resolve({ data: items(1), nextCursor: 'c2' })
    await first

    const more = pager.loadMore() // old filter, next page
    const reload = pager.reload({ clear: true }) // new filter
    expect(state.items).toEqual([])
    expect(state.loaded).toBe(false)
    source.calls[2]?.resolve({ data: items(7), nextCursor: null })
    await reload
    source.calls[1]?.resolve({ data: items(2), nextCursor: 'c3' })
    await more

    expect(state.items).toEqual(items(7))
    expect(state.done).toBe(true)
  })

  it('drops a slow first answer when a newer reload answered first', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const older = pager.reload({ clear: true })
    const newer = pager.reload({ clear: true })
    source.calls[1]?.resolve({ data: items(2), nextCursor: null })
    source.calls[0]?.reject(new Error('late failure'))
    await Promise.all([older, newer])
    expect(state.items).toEqual(items(2))
    expect(state.error).toBeNull()
  })

  it('keeps the shown list during a refresh and replaces it with the answer', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const first = pager.reload()
    source.calls[0]?.resolve({ data: items(1, 2), nextCursor: null })
    await first

    const refresh = pager.reload()
    expect(state.items).toEqual(items(1, 2))
    expect(state.loaded).toBe(true)
    source.calls[1]?.resolve({ data: items(3), nextCursor: null })
    await refresh
    expect(state.items).toEqual(items(3))
  })

  it('reports a failed first page and loads it again on retry', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const failure = new Error('offline')
    const first = pager.reload({ clear: true })
    source.calls[0]?.reject(failure)
    await first
    expect(state).toMatchObject({ failed: 'first', error: failure, loading: false, loaded: false })
    expect(listFooter(state)).toBe('none')

    const retry = pager.retry()
    expect(source.calls[1]?.cursor).toBeNull()
    source.calls[1]?.resolve({ data: items(1), nextCursor: null })
    await retry
    expect(state).toMatchObject({ failed: null, error: null, items: items(1) })
  })

  it('shows a retry footer for a failed next page and does not retry it on every scroll', async () => {
    const source = controlledSource()
    const state = createPagerState<Item>()
    const pager = new CursorPager(state, source.fetchPage)
    const first = pager.reload()
    source.calls[0]?.resolve({ data: items(1), nextCursor: 'c2' })
    await first
    const more = pager.loadMore()
    source.calls[1]?.reject(new Error('timeout'))
    await more
    expect(state.failed).toBe('more')
    expect(listFooter(state)).toBe('error')
    expect(state.items).toEqual(items(1))

    await pager.loadMore()
    expect(source.calls).toHaveLength(2)

    const retry = pager.retry()
    expect(source.calls[2]?.cursor).toBe('c2')
    source.calls[2]?.resolve({ data: items(2), nextCursor: null })
    await retry
    expect(state.items).toEqual(items(1, 2))
    expect(listFooter(state)).toBe('done')
  })

  it('shows no footer for an empty list', async () => {
    const { state, pager } = pagerOver({ first: { data: [], nextCursor: null } })
    await pager.reload()
    await flush()
    expect(state.loaded).toBe(true)
    expect(listFooter(state as PagerState<unknown>)).toBe('none')
  })
})
