import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createDrama,
  deleteDrama,
  dramasQuery,
  getDrama,
  listDramas,
  publishDrama,
  unpublishDrama,
  updateDrama,
  uploadDramaImage,
} from '@/api/dramas'
import { createEpisode } from '@/api/episodes'
import { ApiError } from '@/api/http'
import { startTestApi, type TestApiServer } from './support/api-server'
import { tinyPng, useNodeFormData } from './support/node-form-data'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  vi.unstubAllGlobals()
  await api.close()
})

function lastRequest(path: string) {
  return api.requests.filter((request) => request.path === path).at(-1)
}

const newDrama = {
  title: '  替嫁娇妻：总裁的契约新娘  ',
  synopsis: '一纸契约，她替姐姐嫁入豪门。',
  categoryIds: [1, 3],
  tags: ['甜宠', '替嫁'],
  cast: [{ name: '苏念', role: '女主' }, { name: '陆霆' }],
  rating: 87,
  freeEpisodes: 10,
  episodePriceCoins: 60,
}

describe('dramasQuery', () => {
  it('sends only the filters that are set, with the page', () => {
    expect(dramasQuery({ q: ' 总裁 ', state: '', categoryId: '' }, { page: 2, limit: 20 })).toEqual({ q: '总裁', page: 2, limit: 20 })
    expect(dramasQuery({ state: 'published', categoryId: '3' })).toEqual({ state: 'published', categoryId: '3' })
    expect(dramasQuery({ categoryId: 5 })).toEqual({ categoryId: 5 })
  })
})

describe('dramas api', () => {
  it('lists a page of dramas, newest first, with the page meta and the bearer token', async () => {
    const auth = await signedInClient(api, 'operator@duanju.dev')
    const page = await listDramas({}, { page: 1, limit: 2 })
    expect(page.data.map((drama) => drama.title)).toEqual(['深夜来电', '重生之嫡女归来'])
    expect(page.meta).toEqual({ total: 3, page: 1, lastPage: 2, limit: 2 })
    expect(page.data[0]).toMatchObject({ state: 'published', rating: 85, episodeCount: 3, categories: [{ id: 5, name: '悬疑', slug: 'mystery' }] })
    expect(lastRequest('/admin/v1/dramas')?.headers.authorization).toBe(`Bearer ${auth.token}`)

    const second = await listDramas({}, { page: 2, limit: 2 })
    expect(second.data.map((drama) => drama.id)).toEqual([1])
    expect(lastRequest('/admin/v1/dramas')?.query).toEqual({ page: '2', limit: '2' })
  })

  it('filters by keyword, state and category', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect((await listDramas({ q: '总裁' })).data.map((drama) => drama.id)).toEqual([1])
    expect((await listDramas({ categoryId: 4 })).data.map((drama) => drama.id)).toEqual([2])
    expect((await listDramas({ state: 'draft' })).meta.total).toBe(0)
    expect(lastRequest('/admin/v1/dramas')?.query).toEqual({ state: 'draft' })
  })

  it('creates a draft, loads it and changes only the fields sent', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const created = await createDrama(newDrama)
    expect(lastRequest('/admin/v1/dramas')).toMatchObject({ method: 'POST', body: newDrama })
    expect(created).toMatchObject({
      title: '替嫁娇妻：总裁的契约新娘',
      state: 'draft',
      rating: 87,
      categories: [
        { id: 1, name: '都市', slug: 'urban' },
        { id: 3, name: '甜宠', slug: 'romance' },
      ],
      cast: newDrama.cast,
    })
    expect(await getDrama(created.id)).toMatchObject({ id: created.id, tags: ['甜宠', '替嫁'] })

    const updated = await updateDrama(created.id, { rating: 92, editorPick: true })
    expect(lastRequest(`/admin/v1/dramas/${created.id}`)).toMatchObject({ method: 'PATCH', body: { rating: 92, editorPick: true } })
    expect(updated).toMatchObject({ rating: 92, editorPick: true, synopsis: newDrama.synopsis })
  })

  it('returns field errors (cast rows included) without a toast', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const error = (await rejectionOf(createDrama({ title: ' ', synopsis: 'x', rating: 101, cast: [{ name: '' }] }))) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['title', 'rating', 'cast.0.name'])
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('reports a missing drama as NOT_FOUND without a toast', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(getDrama(404))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('uploads a cover and a banner as multipart `image` with the kind in the query', async () => {
    await useNodeFormData()
    const auth = await signedInClient(api, 'operator@duanju.dev')
    const cover = new File([tinyPng()], 'cover.png', { type: 'image/png' })
    const drama = await uploadDramaImage(2, 'cover', cover)
    const request = lastRequest('/admin/v1/dramas/2/image')
    expect(request?.query).toEqual({ kind: 'cover' })
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(request?.headers.authorization).toBe(`Bearer ${auth.token}`)
    expect(api.catalog.uploads).toEqual([{ dramaId: 2, kind: 'cover', fileName: 'cover.png', type: 'image/png', size: tinyPng().length }])
    expect(drama.coverUrl).toMatch(/\/dramas\/2\/images\/cover-1\.png$/)

    const withBanner = await uploadDramaImage(2, 'banner', new Blob([tinyPng()], { type: 'image/png' }))
    expect(api.catalog.uploads.at(-1)).toMatchObject({ kind: 'banner', fileName: 'banner.png' })
    expect(withBanner).toMatchObject({ coverUrl: drama.coverUrl, bannerUrl: expect.stringMatching(/banner-2\.png$/) })
  })

  it('refuses a file that is not an image as IMAGE_INVALID', async () => {
    await useNodeFormData()
    await signedInClient(api, 'operator@duanju.dev')
    const text = new File(['not an image'], 'cover.png', { type: 'image/png' })
    expect(await rejectionOf(uploadDramaImage(1, 'cover', text))).toMatchObject({ status: 422, code: 'IMAGE_INVALID' })
    expect(api.catalog.uploads).toEqual([])
  })

  it('refuses to publish without a ready episode, then publishes now or at a time', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const drama = await createDrama({ title: '待发布', synopsis: '简介' })
    const error = await rejectionOf(publishDrama(drama.id))
    expect(error).toMatchObject({ status: 409, code: 'NO_READY_EPISODE' })
    expect(document.querySelector('.el-message--error')).toBeNull()

    const episode = await createEpisode(drama.id)
    api.catalog.episodes.find((row) => row.id === episode.id)!.state = 'ready'
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const scheduled = await publishDrama(drama.id, later)
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/publish`)?.body).toEqual({ publishAt: later })
    expect(scheduled).toMatchObject({ state: 'reviewing', publishAt: later })

    const live = await publishDrama(drama.id)
    expect(lastRequest(`/admin/v1/dramas/${drama.id}/publish`)?.body).toEqual({})
    expect(live).toMatchObject({ state: 'published', publishAt: null })
    expect(await rejectionOf(publishDrama(drama.id))).toMatchObject({ status: 409, code: 'ALREADY_PUBLISHED' })
  })

  it('unpublishes a live drama, and reports INVALID_STATE_TRANSITION for a draft', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await unpublishDrama(1)).toMatchObject({ id: 1, state: 'unpublished' })
    const draft = await createDrama({ title: '草稿', synopsis: '简介' })
    const error = (await rejectionOf(unpublishDrama(draft.id))) as ApiError
    expect(error).toMatchObject({ status: 409, code: 'INVALID_STATE_TRANSITION' })
    expect(error.details).toMatchObject({ from: 'draft', to: 'unpublished' })
  })

  it('deletes drafts only', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const draft = await createDrama({ title: '删除我', synopsis: '简介' })
    await expect(deleteDrama(draft.id)).resolves.toBeUndefined()
    expect(lastRequest(`/admin/v1/dramas/${draft.id}`)?.method).toBe('DELETE')
    expect(await rejectionOf(getDrama(draft.id))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await rejectionOf(deleteDrama(1))).toMatchObject({ status: 409, code: 'DRAMA_NOT_DELETABLE' })
  })

  it('is refused for an admin without catalog.manage', async () => {
    await signedInClient(api, 'reviewer@duanju.dev')
    expect(await rejectionOf(listDramas({}))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
