import { describe, expect, it } from 'vitest'
import { compactQuery } from '@/api/http'
import { formatDateTime } from '@/utils/datetime'
import { changedKeys, prettyJson } from '@/utils/json-diff'
import { oneOf, readQueryFilters, sameQuery, toRouteQuery } from '@/utils/route-query'

describe('formatDateTime', () => {
  it('shows an instant in local time as YYYY-MM-DD HH:mm', () => {
    const local = new Date(2026, 0, 5, 7, 3, 59)
    expect(formatDateTime(local.toISOString())).toBe('2026-01-05 07:03')
    // Offsets are honoured: this is the same instant written in UTC+8.
    const shanghai = '2026-11-21T20:10:43.000+08:00'
    const expected = new Date(Date.parse(shanghai))
    const pad = (n: number) => String(n).padStart(2, '0')
    expect(formatDateTime(shanghai)).toBe(
      `${expected.getFullYear()}-${pad(expected.getMonth() + 1)}-${pad(expected.getDate())} ${pad(expected.getHours())}:${pad(expected.getMinutes())}`,
    )
  })

  it('shows a dash for missing or unreadable values', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime(undefined)).toBe('—')
    expect(formatDateTime('')).toBe('—')
    expect(formatDateTime('not a date')).toBe('—')
  })
})

describe('compactQuery', () => {
  it('drops null, undefined and blank strings, trims text and keeps numbers and booleans', () => {
    expect(compactQuery({ a: ' x ', b: '', c: '  ', d: null, e: undefined, f: 0, g: false })).toEqual({ a: 'x', f: 0, g: false })
  })
})

describe('changedKeys', () => {
  it('lists the top-level keys whose values differ, ignoring key order inside values', () => {
    expect(
      changedKeys(
        { status: 'active', bannedReason: null, roles: ['admin'], meta: { a: 1, b: 2 } },
        { status: 'banned', bannedReason: '刷广告', roles: ['admin'], meta: { b: 2, a: 1 } },
      ),
    ).toEqual(['bannedReason', 'status'])
  })

  it('treats a missing side as empty, and compares nothing when neither side is an object', () => {
    expect(changedKeys(null, { email: 'a@b.c', name: 'A' })).toEqual(['email', 'name'])
    expect(changedKeys({ passwordChanged: true }, undefined)).toEqual(['passwordChanged'])
    expect(changedKeys(null, null)).toEqual([])
    expect(changedKeys('x', 'y')).toEqual([])
    expect(changedKeys({ roles: ['a', 'b'] }, { roles: ['b', 'a'] })).toEqual(['roles'])
  })
})

describe('prettyJson', () => {
  it('indents JSON and shows a dash for nothing', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}')
    expect(prettyJson(null)).toBe('—')
    expect(prettyJson(undefined)).toBe('—')
    expect(prettyJson(false)).toBe('false')
  })
})

describe('route query filters', () => {
  it('reads the first string of each key, blank when absent', () => {
    expect(readQueryFilters({ q: '追剧', status: ['banned', 'active'], other: 'x', platform: null }, ['q', 'status', 'platform'])).toEqual({
      q: '追剧',
      status: 'banned',
      platform: '',
    })
  })

  it('writes only the filters that are set', () => {
    expect(toRouteQuery({ q: ' 夜猫子 ', status: '', platform: undefined })).toEqual({ q: '夜猫子' })
  })

  it('narrows a value to a known list', () => {
    expect(oneOf('banned', ['active', 'banned'] as const)).toBe('banned')
    expect(oneOf('deleted', ['active', 'banned'] as const)).toBe('')
  })

  it('compares queries by value, whatever the order and blank keys', () => {
    expect(sameQuery({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameQuery({ a: '1' }, { a: '1', b: undefined })).toBe(true)
    expect(sameQuery({ a: '1' }, { a: '2' })).toBe(false)
    expect(sameQuery({}, { a: '1' })).toBe(false)
  })
})
