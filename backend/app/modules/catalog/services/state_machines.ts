import { AppError } from '#core/exceptions/app_error'
import type { DramaState } from '#modules/catalog/models/drama'
import type { EpisodeState } from '#modules/catalog/models/episode'

/** draft → reviewing → published ⇄ unpublished; reviewing → rejected → reviewing. */
export const DRAMA_TRANSITIONS: Record<DramaState, readonly DramaState[]> = {
  draft: ['reviewing'],
  reviewing: ['published', 'rejected'],
  published: ['unpublished'],
  unpublished: ['published'],
  rejected: ['reviewing'],
}

/**
 * draft → processing → reviewing → ready → published; processing → failed; reviewing → rejected.
 * A failed or rejected episode is re-processed (new upload); a published one can be pulled back
 * to ready; a ready one re-processed (replaced video).
 */
export const EPISODE_TRANSITIONS: Record<EpisodeState, readonly EpisodeState[]> = {
  draft: ['processing'],
  processing: ['reviewing', 'failed'],
  reviewing: ['ready', 'rejected'],
  ready: ['published', 'processing'],
  published: ['ready'],
  failed: ['processing'],
  rejected: ['processing'],
}

function assertTransition<S extends string>(
  kind: string,
  table: Record<S, readonly S[]>,
  from: S,
  to: S
) {
  if (!table[from].includes(to)) {
    throw new AppError(
      409,
      'INVALID_STATE_TRANSITION',
      `A ${kind} cannot go from ${from} to ${to}`,
      {
        from,
        to,
        allowed: table[from],
      }
    )
  }
}

export const assertDramaTransition = (from: DramaState, to: DramaState) =>
  assertTransition('drama', DRAMA_TRANSITIONS, from, to)
export const assertEpisodeTransition = (from: EpisodeState, to: EpisodeState) =>
  assertTransition('episode', EPISODE_TRANSITIONS, from, to)
