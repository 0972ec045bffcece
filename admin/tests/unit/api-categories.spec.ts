import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCategory, deleteCategory, listCategories, reorderCategories, updateCategory } from '@/api/categories'
import { listDramas } from '@/api/dramas'
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

describe('categories api', () => {
  it('lists every category in operator order', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const categories = await listCategories()
    expect(categories.map((category) => category.name)).toEqual(['都市', '古装', '甜宠', '逆袭', '悬疑'])
    expect(categories[0]).toEqual({ id: 1, name: '都市', nameEn: 'Urban', slug: 'urban', sort: 0, isActive: true })
  })

  it('creates a category at the end and edits it', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const created = await createCategory({ name: '穿越', nameEn: 'Time travel', slug: 'time-travel', sort: 5, isActive: true })
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/admin/v1/categories', body: { slug: 'time-travel', sort: 5 } })
    expect(created).toMatchObject({ id: 6, name: '穿越', nameEn: 'Time travel', isActive: true })
    expect((await listCategories()).at(-1)?.slug).toBe('time-travel')

    const updated = await updateCategory(created.id, { isActive: false, nameEn: null })
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/admin/v1/categories/6', body: { isActive: false, nameEn: null } })
    expect(updated).toMatchObject({ isActive: false, nameEn: null, slug: 'time-travel' })
  })

  it('reports a taken slug as SLUG_TAKEN (409), on create and on edit, without a toast', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(createCategory({ name: '城市', slug: 'urban' }))).toMatchObject({ status: 409, code: 'SLUG_TAKEN' })
    expect(await rejectionOf(updateCategory(2, { slug: 'urban' }))).toMatchObject({ status: 409, code: 'SLUG_TAKEN' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('returns field errors for a bad slug', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const error = (await rejectionOf(createCategory({ name: '', slug: 'Not OK' }))) as ApiError
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['name', 'slug'])
  })

  it('reorders with the ids in their new order', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const reordered = await reorderCategories([5, 1, 2, 3, 4])
    expect(api.requests.at(-1)).toMatchObject({ path: '/admin/v1/categories/reorder', body: { ids: [5, 1, 2, 3, 4] } })
    expect(reordered.map((category) => [category.slug, category.sort])).toEqual([
      ['mystery', 0],
      ['urban', 1],
      ['period', 2],
      ['romance', 3],
      ['comeback', 4],
    ])
  })

  it('deletes a category; its dramas leave it', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    await expect(deleteCategory(5)).resolves.toBeUndefined()
    expect((await listCategories()).map((category) => category.id)).toEqual([1, 2, 3, 4])
    expect((await listDramas({})).data.find((drama) => drama.id === 3)?.categories).toEqual([])
  })

  it('is refused for an admin without catalog.manage', async () => {
    await signedInClient(api, 'reviewer@duanju.dev')
    expect(await rejectionOf(listCategories())).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
