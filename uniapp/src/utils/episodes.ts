import type { Episode, EpisodeAccess } from '@/api/catalog'
import type { Translate } from './errors'

const ACCESS: readonly EpisodeAccess[] = ['free', 'unlocked', 'vip', 'locked']

export interface EpisodeMark {
  access: EpisodeAccess
  /** Modifier class of the episode cell. */
  className: `episode--${EpisodeAccess}`
  /** The short mark inside the cell: 免费 / 已解锁 / VIP / the price. */
  text: string
  /** The whole cell, read out by screen readers: number and access. */
  label: string
  /** Free, bought or covered by VIP. A locked episode never is. */
  playable: boolean
}

/**
 * How an episode cell looks and reads for this viewer. An access value this client does not
 * know (a newer API) counts as locked: better to offer an unlock than to pretend it plays.
 */
export function episodeMark(episode: Pick<Episode, 'number' | 'access' | 'priceCoins'>, t: Translate): EpisodeMark {
  const access: EpisodeAccess = ACCESS.includes(episode.access) ? episode.access : 'locked'
  const n = episode.number
  const price = Number.isSafeInteger(episode.priceCoins) && episode.priceCoins > 0 ? episode.priceCoins : 0
  const base = { access, className: `episode--${access}` as const, playable: access !== 'locked' }
  switch (access) {
    case 'free':
      return { ...base, text: t('episode.free'), label: t('episode.labelFree', { n }) }
    case 'unlocked':
      return { ...base, text: t('episode.unlocked'), label: t('episode.labelUnlocked', { n }) }
    case 'vip':
      return { ...base, text: t('episode.vip'), label: t('episode.labelVip', { n }) }
    case 'locked':
      return price > 0
        ? { ...base, text: String(price), label: t('episode.labelLocked', { n, price }) }
        : { ...base, text: '', label: t('episode.labelLockedNoPrice', { n }) }
  }
}
