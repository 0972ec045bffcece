import encryption from '@adonisjs/core/services/encryption'
import { cache } from '#core/cache/cache'
import EpisodeMedia from '#modules/media/models/episode_media'
import type { Rung } from '#modules/media/services/ladder'
import { mediaKeys } from '#modules/media/services/media_keys'

export interface PlayableMedia {
  episodeId: number
  dramaId: number
  revision: number
  prefix: string
  ladder: Rung[]
  durationSec: number
  hasAudio: boolean
  poster: string | null
  thumbnails: string | null
}

/**
 * The live HLS output of an episode, as playback reads it on every /play (cached until the
 * next transcode switches revisions). The AES key is read separately, only by the key endpoint.
 */
export async function playableMedia(episodeId: number): Promise<PlayableMedia | null> {
  return cache.rememberNear(mediaKeys.playable(episodeId), 3, 600, async () => {
    const media = await EpisodeMedia.find(episodeId)
    if (!media || !media.liveRevision || !media.outputPrefix) return null
    const file = (key: string | null) =>
      key && key.startsWith(media.outputPrefix!) ? key.slice(media.outputPrefix!.length) : null
    return {
      episodeId,
      dramaId: media.dramaId,
      revision: media.liveRevision,
      prefix: media.outputPrefix,
      ladder: media.ladder,
      durationSec: Math.round(media.durationMs / 100) / 10,
      hasAudio: media.hasAudio,
      poster: file(media.posterKey),
      thumbnails: file(media.thumbnailsKey),
    }
  })
}

/** The 16-byte AES-128 key of the live output (decrypted with APP_KEY). */
export async function episodeKey(episodeId: number): Promise<Buffer | null> {
  const media = await EpisodeMedia.query()
    .where('episode_id', episodeId)
    .select('key_cipher', 'live_revision')
    .first()
  if (!media?.keyCipher || !media.liveRevision) return null
  const hex = encryption.decrypt<string>(media.keyCipher)
  return hex ? Buffer.from(hex, 'hex') : null
}
