import transmit from '@adonisjs/transmit/services/main'
import type { MediaState } from '#modules/media/models/episode_media'

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
