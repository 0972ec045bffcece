import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDrama } from '@/api/dramas'
import {
  batchPriceEpisodes,
  createEpisode,
  deleteEpisode,
  listEpisodes,
  normalizeEpisode,
  publishReadyEpisodes,
  reorderEpisodes,
  scheduleEpisodes,
  updateEpisode,
} from '@/api/episodes'
import { type ApiError } from '@/api/http'
import { startTestApi, type TestApiServer } from './support/api-server'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  await api.close()
})

function lastRequest(path: string) {
  return api.requests.filter((request) => request.path === path).at(-1)
}

/** A fresh draft drama with `count` episodes, created through the API module. */
async function dramaWithEpisodes(count: number) {
  const drama = await createDrama({ title: '剧集测试', synopsis: '简介', freeEpisodes: 2, episodePriceCoins: 60 })
  for (let i = 0; i < count; i++) await createEpisode(drama.id)
  return drama
}

describe('normalizeEpisode', () => {
  it('fills the columns a fresh episode answer leaves out with null', () => {
    expect(normalizeEpisode({ id: 7, dramaId: 1, number: 3, state: 'draft' })).toEqual({
      id: 7,
      dramaId: 1,
      number: 3,
      title: null,
      durationSec: 0,
      isFree: null,
      priceCoins: null,
      introEndSec: null,
      outroStartSec: null,
      state: 'draft',
      failureReason: null,
      releaseAt: null,
      publishedAt: null,
    })
    expect(normalizeEpisode({ id: 1, dramaId: 1, number: 1, state: 'ready', isFree: false, priceCoins: 0 })).toMatchObject({ isFree: false, priceCoins: 0 })
  })
})

describe('episodes api', () => {
  it('adds episodes after the last one (or at a given number) and lists them by number', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await createDrama({ title: '新剧', synopsis: '简介' })
    const first = await createEpisode(drama.id)
    expect(first).toMatchObject({ number: 1, title: null, isFree: null, priceCoins: null, state: 'draft', failureReason: null })
    await createEpisode(drama.id, { number: 5, title: '大结局' })
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/episodes`)?.body).toEqual({ number: 5, title: '大结局' })
    await createEpisode(drama.id)
    expect((await listEpisodes(drama.id)).map((episode) => [episode.number, episode.title])).toEqual([
      [1, null],
      [5, '大结局'],
      [6, null],
    ])
  })

  it('reports a taken number as EPISODE_NUMBER_TAKEN without a toast', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(2)
    expect(await rejectionOf(createEpisode(drama.id, { number: 2 }))).toMatchObject({ status: 409, code: 'EPISODE_NUMBER_TAKEN' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('saves the tri-state free flag and the price override, null meaning "as the drama says"', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(1)
    const [episode] = await listEpisodes(drama.id)
    expect(await updateEpisode(episode!.id, { isFree: true })).toMatchObject({ isFree: true })
    expect(lastRequest(`/admin/v1/episodes/${episode!.id}`)).toMatchObject({ method: 'PATCH', body: { isFree: true } })
    expect(await updateEpisode(episode!.id, { isFree: false, priceCoins: 99 })).toMatchObject({ isFree: false, priceCoins: 99 })
    expect(await updateEpisode(episode!.id, { isFree: null, priceCoins: null })).toMatchObject({ isFree: null, priceCoins: null })
    expect(lastRequest(`/admin/v1/episodes/${episode!.id}`)?.body).toEqual({ isFree: null, priceCoins: null })

    const error = (await rejectionOf(updateEpisode(episode!.id, { priceCoins: -1 }))) as ApiError
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['priceCoins'])
  })

  it('prices a range of episodes in one call', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(6)
    expect(await batchPriceEpisodes(drama.id, { from: 3, to: 6, priceCoins: 99 })).toBe(4)
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/episodes/pricing`)?.body).toEqual({ from: 3, to: 6, priceCoins: 99 })
    expect(await batchPriceEpisodes(drama.id, { from: 1, to: 2, isFree: true })).toBe(2)
    const episodes = await listEpisodes(drama.id)
    expect(episodes.map((episode) => [episode.number, episode.isFree, episode.priceCoins])).toEqual([
      [1, true, null],
      [2, true, null],
      [3, null, 99],
      [4, null, 99],
      [5, null, 99],
      [6, null, 99],
    ])

    const backwards = (await rejectionOf(batchPriceEpisodes(drama.id, { from: 5, to: 2, priceCoins: 1 }))) as ApiError
    expect(backwards.fieldErrors.map((field) => field.field)).toEqual(['to'])
    const nothing = (await rejectionOf(batchPriceEpisodes(drama.id, { from: 1, to: 2 }))) as ApiError
    expect(nothing.fieldErrors.map((field) => field.field)).toEqual(['priceCoins'])
  })

  it('schedules and clears release times for a range', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(3)
    const at = '2026-12-24T12:00:00.000Z'
    expect(await scheduleEpisodes(drama.id, { from: 2, to: 3, releaseAt: at })).toBe(2)
    expect((await listEpisodes(drama.id)).map((episode) => episode.releaseAt)).toEqual([null, at, at])
    expect(await scheduleEpisodes(drama.id, { from: 1, to: 3, releaseAt: null })).toBe(3)
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/episodes/schedule`)?.body).toEqual({ from: 1, to: 3, releaseAt: null })
    expect((await listEpisodes(drama.id)).every((episode) => episode.releaseAt === null)).toBe(true)
  })

  it('publishes the ready episodes and answers how many went live', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(3)
    for (const row of api.catalog.episodes.filter((episode) => episode.dramaId === drama.id && episode.number < 3)) row.state = 'ready'
    expect(await publishReadyEpisodes(drama.id)).toBe(2)
    expect((await listEpisodes(drama.id)).map((episode) => episode.state)).toEqual(['published', 'published', 'draft'])
    expect(await publishReadyEpisodes(drama.id)).toBe(0)
  })

  it('reorders with every id and answers the episodes renumbered', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(3)
    const [a, b, c] = await listEpisodes(drama.id)
    const reordered = await reorderEpisodes(drama.id, [c!.id, a!.id, b!.id])
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/episodes/reorder`)?.body).toEqual({ ids: [c!.id, a!.id, b!.id] })
    expect(reordered.map((episode) => [episode.id, episode.number])).toEqual([
      [c!.id, 1],
      [a!.id, 2],
      [b!.id, 3],
    ])
    expect(await rejectionOf(reorderEpisodes(drama.id, [a!.id]))).toMatchObject({ status: 422 })
  })

  it('deletes a draft episode and refuses a published one with EPISODE_PUBLISHED', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await dramaWithEpisodes(2)
    const [first] = await listEpisodes(drama.id)
    await expect(deleteEpisode(first!.id)).resolves.toBeUndefined()
    expect((await listEpisodes(drama.id)).map((episode) => episode.number)).toEqual([2])
    const published = (await listEpisodes(1))[0]!
    expect(await rejectionOf(deleteEpisode(published.id))).toMatchObject({ status: 409, code: 'EPISODE_PUBLISHED' })
  })

  it('is refused for an admin without catalog.manage', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    expect(await rejectionOf(listEpisodes(1))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
