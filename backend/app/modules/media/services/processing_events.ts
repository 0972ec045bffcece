import transmit from '@adonisjs/transmit/services/main'
import type EpisodeMedia from '#modules/media/models/episode_media'
import type { MediaState } from '#modules/media/models/episode_media'
import { EpisodeMediaLifecycle } from '#modules/catalog/services/episode_media_lifecycle'

export interface ProcessingMessage {
  episodeId: number
  dramaId: number
  state: MediaState
  progress: number
  episodeState: string | null
  error: string | null
}

export const processingChannels = {
  drama: (dramaId: number) => `admin/dramas/${dramaId}/processing`,
  episode: (episodeId: number) => `admin/episodes/${episodeId}/processing`,
}

/**
 * Pushes a processing update to admins watching the drama or the episode (SSE via transmit;
 * from a worker process it travels over transmit's Redis transport to the web processes).
 */
export function broadcastProcessing(message: ProcessingMessage) {
  const payload = { ...message }
  transmit.broadcast(processingChannels.drama(message.dramaId), payload)
  transmit.broadcast(processingChannels.episode(message.episodeId), payload)
}

/** Broadcasts an episode's media as it now stands, with the episode's current state. */
export async function announceMedia(
  media: Pick<EpisodeMedia, 'episodeId' | 'dramaId' | 'state' | 'progress' | 'error'>,
  lifecycle = new EpisodeMediaLifecycle()
) {
  const episode = await lifecycle.find(media.episodeId)
  broadcastProcessing({
    episodeId: media.episodeId,
    dramaId: media.dramaId,
    state: media.state,
    progress: media.progress,
    episodeState: episode?.state ?? null,
    error: media.error,
  })
}
