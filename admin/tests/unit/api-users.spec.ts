import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { banUser, getUser, listUsers, unbanUser, usersQuery } from '@/api/users'
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

describe('usersQuery', () => {
  it('sends only the filters that are set, trimmed', () => {
    expect(usersQuery({ q: '  追剧 ', status: '', platform: 'h5' }, { limit: 50, cursor: null })).toEqual({
      q: '追剧',
      platform: 'h5',
      limit: 50,
    })
    expect(usersQuery({ q: '   ' })).toEqual({})
    expect(usersQuery({ status: 'banned' }, { cursor: '17' })).toEqual({ status: 'banned', cursor: '17' })
  })
})

describe('users api', () => {
  it('lists users with the bearer token and the filters in the query string', async () => {
    const auth = await signedInClient(api, 'operator@duanju.dev')
    const page = await listUsers({ q: '追剧', status: 'active', platform: '' })
    expect(page.data.map((user) => user.nickname)).toEqual(['深夜追剧', '追剧小能手', '追剧达人'])
    expect(page.nextCursor).toBeNull()
    const request = lastRequest('/admin/v1/users')
    expect(request?.query).toEqual({ q: '追剧', status: 'active' })
    expect(request?.headers.authorization).toBe(`Bearer ${auth.token}`)
  })

  it('matches phone digits and exact ids', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    expect((await listUsers({ q: '13800138000' })).data.map((user) => user.id)).toEqual([2])
    expect((await listUsers({ q: '3' })).data.map((user) => user.id)).toEqual([3])
    const [user] = (await listUsers({ q: '13800138000' })).data
    expect(user?.phone).toBe('+8613800138000')
  })

  it('follows nextCursor page by page', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const first = await listUsers({}, { limit: 2 })
    expect(first.data.map((user) => user.id)).toEqual([5, 4])
    expect(first.nextCursor).toBe('4')
    const second = await listUsers({}, { limit: 2, cursor: first.nextCursor })
    expect(lastRequest('/admin/v1/users')?.query).toEqual({ limit: '2', cursor: '4' })
    expect(second.data.map((user) => user.id)).toEqual([3, 2])
    const third = await listUsers({}, { limit: 2, cursor: second.nextCursor })
    expect(third).toEqual({ data: [expect.objectContaining({ id: 1 })], nextCursor: null })
  })

  it('loads a user with devices and merges, and reports a missing one as NOT_FOUND without a toast', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const detail = await getUser(2)
    expect(detail.user.nickname).toBe('夜猫子')
    expect(detail.merges).toEqual([{ sourceUserId: 99, moved: { favorites: 3, history: 12 }, createdAt: '2026-11-10T09:00:00.000Z' }])
    expect((await getUser('1')).devices).toHaveLength(1)

    const error = await rejectionOf(getUser(404))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('bans with a trimmed reason and unbans', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const banned = await banUser(1, '  发布违规内容  ')
    expect(lastRequest('/admin/v1/users/1/ban')).toMatchObject({ method: 'POST', body: { reason: '发布违规内容' } })
    expect(banned).toMatchObject({ id: 1, status: 'banned', bannedReason: '发布违规内容' })
    expect(banned.bannedAt).toEqual(expect.any(String))

    const restored = await unbanUser(1)
    expect(lastRequest('/admin/v1/users/1/unban')?.method).toBe('POST')
    expect(restored).toMatchObject({ id: 1, status: 'active', bannedReason: null, bannedAt: null })
    expect(api.data.audit.map((row) => row.action).slice(-2)).toEqual(['users.ban', 'users.unban'])
  })

  it('surfaces the reason validation error as a field error', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const error = await rejectionOf(banUser(1, 'x'))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).fieldErrors.map((field) => field.field)).toEqual(['reason'])
    expect(api.data.viewers[0]?.status).toBe('active')
  })

  it('is refused for an admin without users.manage', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    expect(await rejectionOf(listUsers({}))).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
