import { describe, expect, it } from 'vitest'
import type { EpisodeAccess } from '@/api/catalog'
import { translate, type MessageKey } from '@/locale'
import type { Translate } from '@/utils/errors'
import { episodeMark } from '@/utils/episodes'

const zh: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-Hans', key, params)
const en: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params)

const episode = (number: number, access: EpisodeAccess, priceCoins = access === 'free' ? 0 : 60) => ({ number, access, priceCoins })

describe('episode marks', () => {
  it.each([
    ['free', episode(1, 'free'), { className: 'episode--free', text: '免费', label: '第1集，免费', playable: true }, { text: 'Free', label: 'Episode 1, free' }],
    ['unlocked', episode(9, 'unlocked'), { className: 'episode--unlocked', text: '已解锁', label: '第9集，已解锁', playable: true }, { text: 'Unlocked', label: 'Episode 9, unlocked' }],
    ['vip', episode(10, 'vip'), { className: 'episode--vip', text: 'VIP', label: '第10集，VIP 会员可看', playable: true }, { text: 'VIP', label: 'Episode 10, included with VIP' }],
    ['locked', episode(11, 'locked'), { className: 'episode--locked', text: '60', label: '第11集，未解锁，需 60 金币', playable: false }, { text: '60', label: 'Episode 11, locked, 60 coins' }],
  ] as const)('%s', (access, input, zhMark, enMark) => {
    expect(episodeMark(input, zh)).toEqual({ access, ...zhMark })
    expect(episodeMark(input, en)).toMatchObject(enMark)
  })

  it('gives every access its own class and text, so the marks can be told apart', () => {
    const marks = (['free', 'unlocked', 'vip', 'locked'] as const).map((access) => episodeMark(episode(9, access), zh))
    expect(new Set(marks.map((mark) => mark.className)).size).toBe(4)
    expect(new Set(marks.map((mark) => mark.text)).size).toBe(4)
  })

  it('treats an access value it does not know as locked, never as playable', () => {
    const mark = episodeMark({ number: 3, access: 'trial' as EpisodeAccess, priceCoins: 80 }, zh)
    expect(mark).toMatchObject({ access: 'locked', className: 'episode--locked', text: '80', playable: false })
  })

  it('labels a locked episode without a price', () => {
    expect(episodeMark(episode(5, 'locked', 0), zh)).toMatchObject({ text: '', label: '第5集，未解锁', playable: false })
  })
})
