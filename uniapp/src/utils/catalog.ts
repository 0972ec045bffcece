import type { Category, DramaCard } from '@/api/catalog'
import type { AppLocale } from '@/locale'
import type { Translate } from './errors'

/** "9.1"; null when the drama has no rating yet (0). */
export function formatRating(rating: number): string | null {
  if (!Number.isFinite(rating) || rating <= 0) return null
  return (Math.round(Math.min(rating, 10) * 10) / 10).toFixed(1)
}

/** "连载中 · 共24集", "已完结 · 共30集", or the status alone when the episode count is unknown. */
export function statusLine(drama: Pick<DramaCard, 'status' | 'plannedEpisodes'>, t: Translate, episodeCount?: number): string {
  const status = drama.status === 'completed' ? t('drama.completed') : t('drama.ongoing')
  const n = drama.plannedEpisodes > 0 ? drama.plannedEpisodes : (episodeCount ?? 0)
  return n > 0 ? `${status} · ${t('drama.episodeCount', { n })}` : status
}

/** A category under its English name in English, when the operator gave one. */
export function categoryName(category: Pick<Category, 'name'> & { nameEn?: string | null }, locale: AppLocale): string {
  return locale === 'en' && category.nameEn ? category.nameEn : category.name
}

const GRADIENTS = [
  ['#ff5f6d', '#ffc371'],
  ['#7f53ac', '#647dee'],
  ['#11998e', '#38ef7d'],
  ['#ee0979', '#ff6a00'],
  ['#2b5876', '#4e4376'],
  ['#f7797d', '#c471ed'],
] as const

export interface CoverPlaceholder {
  /** Up to two leading letters of the title, punctuation and spaces skipped. */
  text: string
  /** A CSS background, the same for the same title everywhere. */
  background: string
}

/** What stands in for a missing or broken cover: a gradient with the title's first characters. */
export function coverPlaceholder(title: string): CoverPlaceholder {
  const letters = Array.from(title).filter((char) => /[\p{L}\p{N}]/u.test(char))
  let hash = 0
  for (const char of title) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  const [from, to] = GRADIENTS[hash % GRADIENTS.length] ?? GRADIENTS[0]
  return { text: letters.slice(0, 2).join('').toUpperCase(), background: `linear-gradient(135deg, ${from}, ${to})` }
}
