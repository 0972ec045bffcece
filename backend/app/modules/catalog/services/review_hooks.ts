import type Drama from '#modules/catalog/models/drama'

export interface ReviewVerdict {
  decision: 'pass' | 'reject' | 'pending'
  reason?: string
}

export type DramaReviewer = (drama: Drama) => Promise<ReviewVerdict>

let reviewer: DramaReviewer = async () => ({ decision: 'pass' })

/**
 * Where a drama submitted for publishing is reviewed. Until the moderation module registers
 * its reviewer, review passes at once. A 'pending' verdict leaves the drama in `reviewing`
 * until the reviewer calls back.
 */
export const dramaReview = {
  use(next: DramaReviewer) {
    reviewer = next
  },
  submit(drama: Drama) {
    return reviewer(drama)
  },
}

export interface EpisodeForReview {
  id: number
  dramaId: number
  number: number
}

export type EpisodeReviewer = (episode: EpisodeForReview) => Promise<ReviewVerdict>

let episodeReviewer: EpisodeReviewer = async () => ({ decision: 'pass' })

/**
 * Where a freshly transcoded episode is reviewed. Until the moderation module registers its
 * reviewer, review passes at once (the episode goes straight to `ready`); 'pending' leaves it in
 * `reviewing` until the reviewer calls back.
 */
export const episodeReview = {
  use(next: EpisodeReviewer) {
    episodeReviewer = next
  },
  submit(episode: EpisodeForReview) {
    return episodeReviewer(episode)
  },
}
