import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchCategories, fetchDrama, fetchRanking, listDramas, searchDramas, type DramaCard } from '@/api/catalog'
import { ApiError, onUnauthorized } from '@/api/request'
import { createPagerState, CursorPager } from '@/utils/pagination'
import { setToken } from '@/utils/token'
import { demoEpisodes, startApiServer, type ApiDrama, type ApiServer } from './support/api-server'
import { installUni } from './support/uni'

let api: ApiServer

beforeEach(async () => {
  api = await startApiServer()
  installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  onUnauthorized(null)
})

afterEach(async () => {
  await api.close()
})

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

/** A guest token the stand-in knows, as the session store would have stored it. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${api.url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId: 'device-1', platform: 'h5' }),
  })
  const { token } = (await response.json()) as { token: string }
  setToken(token)
  return token
}

function addDramas(count: number): void {
  for (let i = 0; i < count; i++) {
    const id = 100 + i
    const drama: ApiDrama = {
      id,
      title: `测试剧${id}`,
      synopsis: '',
      coverUrl: null,
      bannerUrl: null,
      tags: ['测试'],
      cast: [],
      status: 'ongoing',
      plannedEpisodes: 10,
      rating: 70,
      editorPick: false,
      isSponsored: false,
      categoryIds: [1],
      freeEpisodes: 3,
      episodePriceCoins: 60,
      hotScore: 0,
      publishedAt: '2026-01-01T00:00:00.000Z',
      state: 'published',
      episodes: demoEpisodes(10),
    }
    api.catalog.dramas.push(drama)
  }
}

const titles = (cards: DramaCard[]) => cards.map((card) => card.title)

describe('GET /api/v1/categories', () => {
  it('returns the active categories in operator order', async () => {
    const categories = await fetchCategories()
    expect(categories.map((c) => c.name)).toEqual(['都市', '古装', '甜宠', '逆袭', '悬疑'])
    expect(categories[1]).toEqual({ id: 2, name: '古装', nameEn: 'Period', slug: 'period' })
  })
})

describe('GET /api/v1/dramas', () => {
  it('sends only the parameters that are set', async () => {
    await listDramas({ category: '', sort: 'hot', limit: 20, cursor: null })
    await listDramas()
    const [first, second] = api.callsTo('GET', '/api/v1/dramas')
    expect(first?.query).toBe('?sort=hot&limit=20')
    expect(second?.query).toBe('')
  })

  it('lists published dramas only, as cards with the rating out of 10', async () => {
    const page = await listDramas()
    expect(titles(page.data)).toEqual(['闪婚后，总裁他每天都在装穷', '重生之嫡女归来', '深夜来电'])
    expect(page.nextCursor).toBeNull()
    expect(page.data[0]).toEqual({
      id: 1,
      title: '闪婚后，总裁他每天都在装穷',
      coverUrl: null,
      tags: ['甜宠', '总裁', '闪婚'],
      status: 'ongoing',
      plannedEpisodes: 24,
      rating: 9.1,
      editorPick: false,
      isSponsored: false,
      categories: [
        { id: 1, name: '都市', slug: 'urban' },
        { id: 3, name: '甜宠', slug: 'romance' },
      ],
    })
  })

  it('filters by category slug and sorts by newest or rating', async () => {
    expect(titles((await listDramas({ category: 'period' })).data)).toEqual(['重生之嫡女归来'])
    expect(titles((await listDramas({ sort: 'new' })).data)).toEqual(['深夜来电', '重生之嫡女归来', '闪婚后，总裁他每天都在装穷'])
    expect(titles((await listDramas({ sort: 'rating' })).data)).toEqual(['闪婚后，总裁他每天都在装穷', '重生之嫡女归来', '深夜来电'])
    expect(titles((await listDramas({ status: 'completed' })).data)).toEqual(['重生之嫡女归来'])
    expect(api.callsTo('GET', '/api/v1/dramas')[0]?.query).toBe('?category=period')
  })

  it('pages with the cursor until nextCursor is null', async () => {
    addDramas(4)
    const first = await listDramas({ limit: 3 })
    expect(first.data).toHaveLength(3)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await listDramas({ limit: 3, cursor: first.nextCursor })
    expect(second.data).toHaveLength(3)
    const third = await listDramas({ limit: 3, cursor: second.nextCursor })
    expect(third.data).toHaveLength(1)
    expect(third.nextCursor).toBeNull()
    expect(api.callsTo('GET', '/api/v1/dramas')[1]?.query).toBe(`?limit=3&cursor=${first.nextCursor}`)
  })

  it('turns a refused cursor into a VALIDATION_FAILED ApiError', async () => {
    const error = await caught(listDramas({ cursor: 'not-a-cursor' }))
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: { fields: [{ field: 'cursor' }] } })
  })
})

describe('cursor pagination against the API', () => {
  it('loads every drama once, page by page, and then stops', async () => {
    addDramas(45)
    const state = createPagerState<DramaCard>()
    const pager = new CursorPager(state, (cursor) => listDramas({ limit: 20, cursor }))

    await pager.reload()
    expect(state.items).toHaveLength(20)
    expect(state.done).toBe(false)
    await Promise.all([pager.loadMore(), pager.loadMore()])
    expect(state.items).toHaveLength(40)
    await pager.loadMore()
    expect(state.items).toHaveLength(48)
    expect(state.done).toBe(true)
    await pager.loadMore()

    expect(new Set(state.items.map((d) => d.id)).size).toBe(48)
    expect(api.callsTo('GET', '/api/v1/dramas')).toHaveLength(3)
  })
})

describe('GET /api/v1/dramas/:id', () => {
  it('marks the first free episodes free and the rest locked at the drama price for an anonymous caller', async () => {
    const drama = await fetchDrama(1)
    expect(api.callsTo('GET', '/api/v1/dramas/1')[0]?.authorization).toBeUndefined()
    expect(drama).toMatchObject({ title: '闪婚后，总裁他每天都在装穷', freeEpisodes: 8, episodePriceCoins: 60, cast: [{ name: '林晚', role: '女主' }, { name: '顾言深', role: '男主' }] })
    expect(drama.episodes).toHaveLength(24)
    expect(drama.episodes.slice(0, 8).every((e) => e.access === 'free' && e.priceCoins === 0)).toBe(true)
    expect(drama.episodes.slice(8).every((e) => e.access === 'locked' && e.priceCoins === 60)).toBe(true)
  })

  it('sends the viewer token, so bought and VIP episodes come back for this viewer', async () => {
    const token = await guestToken()
    const episodes = api.catalog.dramas[0]?.episodes ?? []
    api.grantEpisode(token, episodes[8]!.id, 'unlocked')
    api.grantEpisode(token, episodes[9]!.id, 'vip')

    const drama = await fetchDrama(1)

    expect(api.callsTo('GET', '/api/v1/dramas/1')[0]?.authorization).toBe(`Bearer ${token}`)
    expect(drama.episodes.slice(7, 11).map((e) => [e.number, e.access, e.priceCoins])).toEqual([
      [8, 'free', 0],
      [9, 'unlocked', 60],
      [10, 'vip', 60],
      [11, 'locked', 60],
    ])
  })

  it('follows an episode that is free or priced on its own', async () => {
    const episodes = api.catalog.dramas[2]!.episodes
    episodes[11]!.isFree = true
    episodes[12]!.priceCoins = 150
    const drama = await fetchDrama(3)
    expect(drama.episodes[11]).toMatchObject({ number: 12, access: 'free', priceCoins: 0 })
    expect(drama.episodes[12]).toMatchObject({ number: 13, access: 'locked', priceCoins: 150 })
  })

  it('answers 404 NOT_FOUND for unknown and unpublished dramas', async () => {
    expect(await caught(fetchDrama(999))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(await caught(fetchDrama(4))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })
})

describe('GET /api/v1/rankings/:board', () => {
  it('returns ranked cards and sends the limit', async () => {
    const ranking = await fetchRanking('hot', 2)
    expect(api.callsTo('GET', '/api/v1/rankings/hot')[0]?.query).toBe('?limit=2')
    expect(ranking.board).toBe('hot')
    expect(ranking.data.map((entry) => [entry.rank, entry.drama.title])).toEqual([
      [1, '闪婚后，总裁他每天都在装穷'],
      [2, '重生之嫡女归来'],
    ])
  })

  it('lists completed dramas on the completed board and may have an empty rising board', async () => {
    expect((await fetchRanking('completed')).data.map((entry) => entry.drama.title)).toEqual(['重生之嫡女归来'])
    expect(api.callsTo('GET', '/api/v1/rankings/completed')[0]?.query).toBe('')
    expect((await fetchRanking('rising')).data).toEqual([])
  })
})

describe('GET /api/v1/search', () => {
  it('trims the term and matches titles, tags and cast', async () => {
    expect(titles((await searchDramas('  嫡女 ')).data)).toEqual(['重生之嫡女归来'])
    expect(api.callsTo('GET', '/api/v1/search')[0]?.query).toBe(`?q=${encodeURIComponent('嫡女')}`)
    expect(titles((await searchDramas('刑侦')).data)).toEqual(['深夜来电'])
    expect(titles((await searchDramas('顾言深')).data)).toEqual(['闪婚后，总裁他每天都在装穷'])
    expect((await searchDramas('没有这部剧')).data).toEqual([])
  })

  it('pages results with the cursor', async () => {
    addDramas(3)
    const first = await searchDramas('测试剧', { limit: 2 })
    expect(first.data).toHaveLength(2)
    const second = await searchDramas('测试剧', { limit: 2, cursor: first.nextCursor })
    expect(second.data).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
  })

  it('refuses an empty term', async () => {
    expect(await caught(searchDramas('   '))).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: { fields: [{ field: 'q' }] } })
  })
})
