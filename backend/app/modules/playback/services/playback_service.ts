import { DateTime } from 'luxon'
import env from '#start/env'
import config from '@adonisjs/core/services/config'
import storage from '#core/services/storage'
import { cache } from '#core/cache/cache'
import { episodeLocked } from '#modules/playback/services/episode_locked'
import { AppError } from '#core/exceptions/app_error'
import { CatalogQueryService } from '#modules/catalog/services/catalog_query_service'
import {
  episodeKey,
  playableMedia,
  type PlayableMedia,
} from '#modules/media/services/playable_media'
import { KEY_PLACEHOLDER } from '#modules/media/services/transcode_pipeline'
import { ProgressService } from '#modules/playback/services/progress_service'
import { UrlSigner, aliCdnTypeA, type PlaybackGrant } from '#modules/playback/services/url_signer'

interface PlaybackConfig {
  playback: {
    urlTtlSec: number
    refererAllowlist: string[]
    allowEmptyReferer: boolean
    cdn: { domain?: string; authKey?: string; authTtlSec: number }
  }
}

/** Files of an output that playback serves, relative to the revision's prefix. */
const FILE =
  /^(master\.m3u8|v\d{1,2}\/index\.m3u8|v\d{1,2}\/seg_\d{3,5}\.ts|poster\.jpg|thumbnails\.vtt|sprite_\d{2,3}\.jpg|key)$/

export class PlaybackForbidden extends AppError {
  constructor(reason: string, message: string) {
    super(403, 'FORBIDDEN', message, { reason })
  }
}

const signer = new UrlSigner(env.get('APP_KEY').release())

/**
 * Playback authorization and the signed HLS tree. `/play` checks access (catalog's access
 * service) and hands out a signed master URL; every playlist is rewritten per request so each
 * child URL (variant, segment, key, thumbnails) carries its own signature bound to the same
 * person, episode and expiry. The key endpoint checks access again.
 */
export class PlaybackService {
  constructor(
    private catalog = new CatalogQueryService(),
    private progress = new ProgressService()
  ) {}

  get #config() {
    return config.get<PlaybackConfig>('media').playback
  }

  #base(episodeId: number) {
    return `${env.get('APP_URL').replace(/\/$/, '')}/api/v1/hls/${episodeId}/`
  }

  #url(grant: PlaybackGrant, file: string) {
    return `${this.#base(grant.episodeId)}${file}?t=${signer.token(grant, file)}`
  }

  #grant(episodeId: number, subject: string) {
    return {
      episodeId,
      subject,
      exp: Math.floor(Date.now() / 1000) + this.#config.urlTtlSec,
    }
  }

  #urls(grant: PlaybackGrant, media: PlayableMedia) {
    return {
      masterUrl: this.#url(grant, 'master.m3u8'),
      expiresAt: DateTime.fromSeconds(grant.exp, { zone: 'utc' }).toISO(),
      renditions: media.ladder.map((rung, i) => ({
        label: rung.label,
        width: rung.width,
        height: rung.height,
        bandwidth: rung.bandwidth,
        url: this.#url(grant, `v${i}/index.m3u8`),
      })),
      posterUrl: media.poster ? this.#url(grant, media.poster) : null,
      thumbnailsVttUrl: media.thumbnails ? this.#url(grant, media.thumbnails) : null,
      durationSec: media.durationSec,
    }
  }

  async play(episodeId: number, viewer: { id: number }) {
    const view = await this.catalog.episodeForViewer(episodeId, viewer)
    if (view.access === 'locked') {
      throw episodeLocked(episodeId, view)
    }
    const media = await playableMedia(episodeId)
    if (!media) throw AppError.conflict('MEDIA_NOT_READY', 'This episode is not ready to play yet')
    const resumeAtSec = await this.progress.resumeAt(viewer.id, episodeId)
    return {
      episodeId,
      dramaId: view.dramaId,
      number: view.episode.number,
      access: view.access,
      ...this.#urls(this.#grant(episodeId, `u${viewer.id}`), media),
      introEndSec: view.episode.introEndSec,
      outroStartSec: view.episode.outroStartSec,
      resumeAtSec,
      nextEpisodeId: view.nextEpisodeId,
    }
  }

  /** For the admin preview player: any state, signed for the admin, shorter-lived. */
  async preview(episodeId: number, adminId: number) {
    const media = await playableMedia(episodeId)
    if (!media) throw AppError.conflict('MEDIA_NOT_READY', 'This episode has no playable video yet')
    return this.#urls(
      { episodeId, subject: `a${adminId}`, exp: Math.floor(Date.now() / 1000) + 30 * 60 },
      media
    )
  }

  /** Refuses requests from pages not on PLAYBACK_REFERER_ALLOWLIST (when one is set). */
  checkReferer(referer: string | undefined) {
    const allow = this.#config.refererAllowlist
    if (!allow.length) return
    if (!referer) {
      if (this.#config.allowEmptyReferer) return
      throw new PlaybackForbidden('referer', 'Playback needs a Referer from an allowed site')
    }
    let host: string
    try {
      host = new URL(referer).hostname.toLowerCase()
    } catch {
      throw new PlaybackForbidden('referer', 'Malformed Referer')
    }
    if (!allow.some((h) => host === h || host.endsWith(`.${h}`))) {
      throw new PlaybackForbidden('referer', `Playback is not allowed from ${host}`)
    }
  }

  /** Checks the signature of a request for `file` of the episode's HLS tree. */
  authorize(episodeId: number, file: string, token: unknown): PlaybackGrant {
    if (!FILE.test(file)) throw AppError.notFound('No such file')
    const verdict = signer.verify(episodeId, file, token)
    if (!verdict.ok) {
      const messages = {
        malformed: 'This playback link is missing its signature',
        expired: 'This playback link has expired',
        tampered: 'This playback link is not valid',
      }
      throw new PlaybackForbidden(verdict.reason, messages[verdict.reason])
    }
    return verdict.grant
  }

  async #media(episodeId: number) {
    const media = await playableMedia(episodeId)
    if (!media) throw AppError.notFound('No such video')
    return media
  }

  async #text(media: PlayableMedia, file: string) {
    const key = `${media.prefix}${file}`
    return cache.remember(`media:file:${key}`, 3600, async () =>
      (await storage.getBuffer(key)).toString('utf8')
    )
  }

  /** Where a client fetches a segment or image: signed OSS/CDN URL, or this API. */
  #objectUrl(grant: PlaybackGrant, media: PlayableMedia, file: string, relativeTo: string) {
    const { cdn } = this.#config
    const key = `${media.prefix}${file}`
    if (cdn.domain && cdn.authKey) {
      const host = cdn.domain.startsWith('http') ? cdn.domain : `https://${cdn.domain}`
      return `${host.replace(/\/$/, '')}${aliCdnTypeA(`/${key}`, cdn.authKey, grant.exp - cdn.authTtlSec)}`
    }
    const signed = storage as { signedUrl?: (key: string, expiresInSec: number) => string }
    if (signed.signedUrl) {
      return signed.signedUrl(key, Math.max(60, grant.exp - Math.floor(Date.now() / 1000)))
    }
    const name = file.slice(relativeTo.length)
    return `${name}?t=${signer.token(grant, file)}`
  }

  /** The master or a variant playlist, every URI in it signed for this grant. */
  async playlist(grant: PlaybackGrant, file: string) {
    const media = await this.#media(grant.episodeId)
    const text = await this.#text(media, file)
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
    return text
      .split('\n')
      .map((line) => {
        if (line.startsWith('#EXT-X-KEY')) {
          const keyUri = `${dir ? '../' : ''}key?t=${signer.token(grant, 'key')}`
          return line.replace(`URI="${KEY_PLACEHOLDER}"`, `URI="${keyUri}"`)
        }
        if (!line || line.startsWith('#')) return line
        const child = `${dir}${line.trim()}`
        if (child.endsWith('.m3u8')) return `${line.trim()}?t=${signer.token(grant, child)}`
        return this.#objectUrl(grant, media, child, dir)
      })
      .join('\n')
  }

  async thumbnails(grant: PlaybackGrant) {
    const media = await this.#media(grant.episodeId)
    const text = await this.#text(media, 'thumbnails.vtt')
    return text.replace(/^(sprite_\d+\.jpg)(#xywh=[\d,]+)$/gm, (_m, name: string, frag: string) => {
      return `${this.#objectUrl(grant, media, name, '')}${frag}`
    })
  }

  /** A segment, poster or sprite served by this API (local storage). */
  async object(grant: PlaybackGrant, file: string) {
    const media = await this.#media(grant.episodeId)
    return storage.getStream(`${media.prefix}${file}`)
  }

  /** The AES-128 key: only for a viewer who may watch the episode now (or an admin preview). */
  async key(grant: PlaybackGrant) {
    if (grant.subject.startsWith('u')) {
      const viewer = { id: Number(grant.subject.slice(1)) }
      let access: string
      try {
        access = (await this.catalog.episodeForViewer(grant.episodeId, viewer)).access
      } catch (error) {
        if (error instanceof AppError && error.status === 404) access = 'locked'
        else throw error
      }
      if (access === 'locked') {
        throw new PlaybackForbidden('no_access', 'You may not watch this episode')
      }
    }
    const key = await episodeKey(grant.episodeId)
    if (!key) throw AppError.notFound('No such key')
    return key
  }
}
