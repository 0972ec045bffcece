import { describe, expect, it } from 'vitest'
import { ApiError, type NumberedPage } from '@/api/http'
import { usePagedList } from '@/composables/usePagedList'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((res) => {
    resolve = res
  })
  return { promise, resolve }
}

/** Pages of 2 over the numbers 5..1, as the server would cut them. */
function serverPage(rows: number[], page: number): NumberedPage<number> {
  const limit = 2
  return {
    data: rows.slice((page - 1) * limit, page * limit),
    meta: { total: rows.length, page, lastPage: Math.max(1, Math.ceil(rows.length / limit)), limit },
  }
}

describe('usePagedList', () => {
  it('loads the asked page and keeps the meta', async () => {
    const rows = [5, 4, 3, 2, 1]
    const asked: number[] = []
    const list = usePagedList(async (page) => {
      asked.push(page)
      return serverPage(rows, page)
    })
    await list.load(1)
    expect(list.items.value).toEqual([5, 4])
    expect([list.total.value, list.page.value, list.lastPage.value, list.limit.value]).toEqual([5, 1, 3, 2])
    await list.load(3)
    expect(list.items.value).toEqual([1])
    expect(list.page.value).toBe(3)
    await list.load(0)
    expect(asked).toEqual([1, 3, 1])
    expect(list.loading.value).toBe(false)
  })

  it('steps back a page when a refresh finds the current one emptied', async () => {
    const rows = [5, 4, 3]
    const list = usePagedList(async (page) => serverPage(rows, page))
    await list.load(2)
    expect(list.items.value).toEqual([3])
    rows.pop()
    await list.refresh()
    expect(list.page.value).toBe(1)
    expect(list.items.value).toEqual([5, 4])
  })

  it('keeps only the answer of the latest load', async () => {
    const slow = deferred<NumberedPage<string>>()
    const fast = deferred<NumberedPage<string>>()
    const queue = [slow, fast]
    const list = usePagedList(() => queue.shift()!.promise)
    const first = list.load(1)
    const second = list.load(2)
    fast.resolve({ data: ['new'], meta: { total: 3, page: 2, lastPage: 2, limit: 2 } })
    await second
    slow.resolve({ data: ['stale'], meta: { total: 9, page: 1, lastPage: 5, limit: 2 } })
    await first
    expect(list.items.value).toEqual(['new'])
    expect(list.page.value).toBe(2)
    expect(list.loading.value).toBe(false)
  })

  it('keeps the shown rows and records the error when a request fails', async () => {
    let fail = false
    const list = usePagedList(async (page) => {
      if (fail) throw new ApiError({ status: 500, code: 'INTERNAL_ERROR', message: 'boom' })
      return serverPage([1, 2], page)
    })
    await list.load(1)
    fail = true
    await list.load(1)
    expect(list.items.value).toEqual([1, 2])
    expect(list.error.value?.code).toBe('INTERNAL_ERROR')
    expect(list.loading.value).toBe(false)
  })
})
