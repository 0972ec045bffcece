import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditQuery, listAuditLogs } from '@/api/audit'
import { banUser, unbanUser } from '@/api/users'
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

describe('auditQuery', () => {
  it('drops blank filters and keeps the rest', () => {
    expect(auditQuery({ action: 'users.ban', actorType: '', actorId: ' 7 ', targetType: 'user', targetId: '' })).toEqual({
      action: 'users.ban',
      actorId: '7',
      targetType: 'user',
    })
    expect(auditQuery({}, { limit: 50, cursor: '120' })).toEqual({ limit: 50, cursor: '120' })
  })

  it('turns a range of local days into [start of first day, start of the day after the last)', () => {
    const query = auditQuery({ fromDate: '2026-11-01', toDate: '2026-11-30' })
    expect(query.from).toBe(new Date(2026, 10, 1).toISOString())
    expect(query.to).toBe(new Date(2026, 11, 1).toISOString())
    // The last day of a year rolls over into the next.
    expect(auditQuery({ toDate: '2026-12-31' }).to).toBe(new Date(2027, 0, 1).toISOString())
  })

  it('ignores malformed days', () => {
    expect(auditQuery({ fromDate: '2026/11/01', toDate: 'soon' })).toEqual({})
  })
})

describe('audit api', () => {
  it('lists entries newest first with filters and cursor pagination', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    await banUser(1, '刷屏广告')
    await unbanUser(1)
    await banUser(2, '恶意评论')

    const all = await listAuditLogs({})
    expect(all.data.map((entry) => entry.action)).toEqual(['users.ban', 'users.unban', 'users.ban', 'admin.login'])
    expect(all.data[0]).toMatchObject({
      actor: { type: 'admin', id: 1, name: 'admin@duanju.dev' },
      target: { type: 'user', id: '2' },
      before: { status: 'active', bannedReason: null },
      after: { status: 'banned', bannedReason: '恶意评论' },
    })

    const bans = await listAuditLogs({ action: 'users.ban', targetType: 'user', targetId: '1' })
    expect(api.requests.at(-1)?.query).toEqual({ action: 'users.ban', targetType: 'user', targetId: '1' })
    expect(bans.data).toHaveLength(1)

    const first = await listAuditLogs({}, { limit: 3 })
    expect(first.nextCursor).not.toBeNull()
    const second = await listAuditLogs({}, { limit: 3, cursor: first.nextCursor })
    expect(second).toEqual({ data: [expect.objectContaining({ action: 'admin.login' })], nextCursor: null })
  })

  it('filters by actor and by date range', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    await signedInClient(api, 'operator@duanju.dev')
    expect((await rejectionOf(listAuditLogs({})))).toMatchObject({ status: 403 })

    await signedInClient(api, 'admin@duanju.dev')
    const byOperator = await listAuditLogs({ actorType: 'admin', actorId: '2' })
    expect(byOperator.data.map((entry) => entry.actor.name)).toEqual(['operator@duanju.dev'])

    const today = new Date()
    const day = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
    expect((await listAuditLogs({ fromDate: day(today), toDate: day(today) })).data.length).toBe(3)
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
    expect((await listAuditLogs({ toDate: day(yesterday) })).data).toEqual([])
  })
})
