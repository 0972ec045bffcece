import { describe, expect, it } from 'vitest'
import { ApiError, type CursorPage } from '@/api/http'
import { useCursorList } from '@/composables/useCursorList'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useCursorList', () => {
  it('loads the first page, appends the next ones, and stops at the last', async () => {
    const pages: Record<string, CursorPage<number>> = {
      first: { data: [5, 4], nextCursor: '4' },
      '4': { data: [3, 2], nextCursor: '2' },
      '2': { data: [1], nextCursor: null },
    }
    const asked: (string | null)[] = []
    const list = useCursorList(async (cursor) => {
      asked.push(cursor)
      return pages[cursor ?? 'first']!
    })
    await list.reload()
    expect(list.items.value).toEqual([5, 4])
    expect(list.hasMore.value).toBe(true)
    await list.loadMore()
    await list.loadMore()
    expect(list.items.value).toEqual([5, 4, 3, 2, 1])
    expect(list.hasMore.value).toBe(false)
    await list.loadMore()
    expect(asked).toEqual([null, '4', '2'])

    await list.reload()
    expect(list.items.value).toEqual([5, 4])
    expect(list.loading.value).toBe(false)
  })

  it('keeps only the answer of the latest reload', async () => {
    const slow = deferred<CursorPage<string>>()
    const fast = deferred<CursorPage<string>>()
    const queue = [slow, fast]
    const list = useCursorList(() => queue.shift()!.promise)
    const first = list.reload()
    const second = list.reload()
    fast.resolve({ data: ['new'], nextCursor: null })
    await second
    slow.resolve({ data: ['stale'], nextCursor: 'x' })
    await first
    expect(list.items.value).toEqual(['new'])
    expect(list.nextCursor.value).toBeNull()
    expect(list.loading.value).toBe(false)
  })

  it('keeps the loaded rows and records the error when a request fails', async () => {
    let fail = false
    const list = useCursorList(async () => {
      if (fail) throw new ApiError({ status: 500, code: 'INTERNAL_ERROR', message: 'down' })
      return { data: [1], nextCursor: '1' }
    })
    await list.reload()
    fail = true
    await list.loadMore()
    expect(list.items.value).toEqual([1])
    expect(list.error.value?.code).toBe('INTERNAL_ERROR')
    expect(list.loading.value).toBe(false)
    expect(list.hasMore.value).toBe(true)
  })

  it('does not swallow programming errors', async () => {
    const list = useCursorList(async () => {
      throw new TypeError('bug')
    })
    await expect(list.reload()).rejects.toThrow('bug')
    expect(list.loading.value).toBe(false)
  })
})
