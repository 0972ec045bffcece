import type Drama from '#modules/catalog/models/drama'
import type Episode from '#modules/catalog/models/episode'

export type EpisodeAccess = 'free' | 'unlocked' | 'vip' | 'locked'

export interface Viewer {
  id: number
}

/**
 * Grants beyond "free by rule": the unlocks module answers which episodes a viewer bought,
 * membership which ones VIP covers. Each resolver returns the episode ids it grants.
 */
export type AccessResolver = (
  viewer: Viewer,
  drama: Drama,
  episodes: Episode[]
) => Promise<Set<number>>

const resolvers: { access: 'unlocked' | 'vip'; resolve: AccessResolver }[] = []

export const accessResolvers = {
  register(access: 'unlocked' | 'vip', resolve: AccessResolver) {
    resolvers.push({ access, resolve })
  },
}

export function isFreeByRule(drama: Drama, episode: Episode) {
  return episode.isFree ?? episode.number <= drama.freeEpisodes
}

export function priceOf(drama: Drama, episode: Episode) {
  return episode.priceCoins ?? drama.episodePriceCoins
}

/** The one place that decides what a viewer may watch, episode by episode. */
export class AccessService {
  async forEpisodes(
    viewer: Viewer | null,
    drama: Drama,
    episodes: Episode[]
  ): Promise<Map<number, EpisodeAccess>> {
    const result = new Map<number, EpisodeAccess>()
    for (const episode of episodes)
      result.set(episode.id, isFreeByRule(drama, episode) ? 'free' : 'locked')
    if (!viewer) return result
    const locked = episodes.filter((e) => result.get(e.id) === 'locked')
    if (!locked.length) return result
    // Bought beats VIP: resolvers for "unlocked" run first.
    for (const { access, resolve } of [...resolvers].sort((a) =>
      a.access === 'unlocked' ? -1 : 1
    )) {
      const granted = await resolve(viewer, drama, locked)
      for (const id of granted) if (result.get(id) === 'locked') result.set(id, access)
    }
    return result
  }
}
