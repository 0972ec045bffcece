import { describe, expect, it } from 'vitest'
import {
  AVATAR_MAX_BYTES,
  checkAvatarFile,
  checkNickname,
  formatSpeed,
  invalidSettingsFields,
  PLAYBACK_SPEEDS,
  VIDEO_QUALITIES,
} from '@/utils/settings'
import { isSmsCode, normalizeMainlandPhone } from '@/utils/phone'

describe('settings validation', () => {
  it('offers 0.5x to 3x in steps of 0.25', () => {
    expect(PLAYBACK_SPEEDS).toHaveLength(11)
    expect(PLAYBACK_SPEEDS[0]).toBe(0.5)
    expect(PLAYBACK_SPEEDS.at(-1)).toBe(3)
    PLAYBACK_SPEEDS.forEach((speed, i) => expect(speed).toBe(0.5 + i * 0.25))
    expect(VIDEO_QUALITIES).toEqual(['auto', '480p', '720p', '1080p'])
  })

  it('accepts every valid value', () => {
    for (const playbackSpeed of PLAYBACK_SPEEDS) expect(invalidSettingsFields({ playbackSpeed })).toEqual([])
    for (const preferredQuality of VIDEO_QUALITIES) expect(invalidSettingsFields({ preferredQuality })).toEqual([])
    expect(invalidSettingsFields({ autoUnlock: true, danmuEnabled: false })).toEqual([])
    expect(invalidSettingsFields({})).toEqual([])
  })

  it('names each invalid field', () => {
    expect(invalidSettingsFields({ playbackSpeed: 0.25 })).toEqual(['playbackSpeed'])
    expect(invalidSettingsFields({ playbackSpeed: 3.25 })).toEqual(['playbackSpeed'])
    expect(invalidSettingsFields({ playbackSpeed: 1.1 })).toEqual(['playbackSpeed'])
    expect(invalidSettingsFields({ playbackSpeed: '1.5' })).toEqual(['playbackSpeed'])
    expect(invalidSettingsFields({ preferredQuality: '4k' })).toEqual(['preferredQuality'])
    expect(invalidSettingsFields({ autoUnlock: 'yes', danmuEnabled: 1 })).toEqual(['autoUnlock', 'danmuEnabled'])
    expect(invalidSettingsFields({ fontSize: 12 } as never)).toEqual(['fontSize'])
  })

  it('formats speeds', () => {
    expect(PLAYBACK_SPEEDS.map(formatSpeed)).toEqual(['0.5x', '0.75x', '1x', '1.25x', '1.5x', '1.75x', '2x', '2.25x', '2.5x', '2.75x', '3x'])
  })
})

describe('nickname', () => {
  it('trims and accepts 1–20 characters', () => {
    expect(checkNickname('  追剧达人  ')).toEqual({ nickname: '追剧达人' })
    expect(checkNickname('a')).toEqual({ nickname: 'a' })
    expect(checkNickname('一'.repeat(20))).toEqual({ nickname: '一'.repeat(20) })
  })

  it('refuses empty, too long and invisible characters', () => {
    expect(checkNickname('   ')).toEqual({ problem: 'empty' })
    expect(checkNickname('x'.repeat(21))).toEqual({ problem: 'tooLong' })
    expect(checkNickname('ab\u200bcd')).toEqual({ problem: 'invalidCharacters' })
    expect(checkNickname('ab\ncd')).toEqual({ problem: 'invalidCharacters' })
  })
})

describe('avatar file', () => {
  it('accepts jpg, png and webp up to 2 MB', () => {
    expect(checkAvatarFile({ size: AVATAR_MAX_BYTES, type: 'image/png', name: 'a.png', path: 'blob:http://x/1' })).toBeNull()
    expect(checkAvatarFile({ size: 1000, type: 'image/jpeg' })).toBeNull()
    expect(checkAvatarFile({ size: 1000, path: 'wxfile://tmp_abc.webp' })).toBeNull()
    expect(checkAvatarFile({ size: 1000, path: 'blob:http://x/1' })).toBeNull()
    expect(checkAvatarFile({ path: '_doc/uniapp_temp/compressed/123.JPG' })).toBeNull()
  })

  it('refuses bigger files and other types', () => {
    expect(checkAvatarFile({ size: AVATAR_MAX_BYTES + 1, type: 'image/png' })).toBe('tooLarge')
    expect(checkAvatarFile({ size: 10, type: 'image/gif', name: 'a.gif' })).toBe('unsupportedType')
    expect(checkAvatarFile({ size: 10, path: 'http://tmp/abc.heic' })).toBe('unsupportedType')
  })
})

describe('phone and code input', () => {
  it('normalises mainland numbers to E.164', () => {
    expect(normalizeMainlandPhone('13912345678')).toBe('+8613912345678')
    expect(normalizeMainlandPhone('139 1234 5678')).toBe('+8613912345678')
    expect(normalizeMainlandPhone('139-1234-5678')).toBe('+8613912345678')
    expect(normalizeMainlandPhone('+86 139 1234 5678')).toBe('+8613912345678')
    expect(normalizeMainlandPhone('8613912345678')).toBe('+8613912345678')
    expect(normalizeMainlandPhone('008613912345678')).toBe('+8613912345678')
  })

  it('refuses anything else', () => {
    for (const input of ['', '1391234567', '139123456789', '12912345678', '23912345678', '+14155550123', '+85261234567', 'abc']) {
      expect(normalizeMainlandPhone(input), input).toBeNull()
    }
  })

  it('wants exactly six digits for the code', () => {
    expect(isSmsCode('123456')).toBe(true)
    expect(isSmsCode(' 123456 ')).toBe(true)
    expect(isSmsCode('12345')).toBe(false)
    expect(isSmsCode('1234567')).toBe(false)
    expect(isSmsCode('12345a')).toBe(false)
  })
})
