import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Drama from '#modules/catalog/models/drama'
import Episode, { type EpisodeState } from '#modules/catalog/models/episode'
import { AppError } from '#core/exceptions/app_error'
import type { AuditActor } from '#core/audit/audit'
import { forgetDrama } from '#modules/catalog/services/catalog_cache'
import { EpisodeAdminService } from '#modules/catalog/services/episode_admin_service'
import { episodeReview } from '#modules/catalog/services/review_hooks'

export interface EpisodeRef {
  id: number
  dramaId: number
  number: number
  state: EpisodeState
  durationSec: number
  introEndSec: number | null
  outroStartSec: number | null
}

const ref = (e: Episode): EpisodeRef => ({
  id: e.id,
  dramaId: e.dramaId,
  number: e.number,
  state: e.state,
  durationSec: e.durationSec,
  introEndSec: e.introEndSec,
  outroStartSec: e.outroStartSec,
})

/** States from which a new video starts processing (published episodes keep playing the old one). */
const REPROCESSABLE: readonly EpisodeState[] = ['draft', 'ready', 'failed', 'rejected']

/**
 * What the media module may do to episodes: find them, create one for an uploaded file, and
 * move it through processing → reviewing → ready (or failed) as its video is transcoded.
 */
export class EpisodeMediaLifecycle {
  constructor(private admin = new EpisodeAdminService()) {}

  async dramaExists(dramaId: number) {
    return Boolean(await Drama.find(dramaId))
  }

  async find(episodeId: number): Promise<EpisodeRef | null> {
    const episode = await Episode.find(episodeId)
    return episode ? ref(episode) : null
  }

  async findByNumber(dramaId: number, number: number): Promise<EpisodeRef | null> {
    const episode = await Episode.query().where('drama_id', dramaId).where('number', number).first()
    return episode ? ref(episode) : null
  }

  async ofDrama(dramaId: number): Promise<EpisodeRef[]> {
    const rows = await Episode.query().where('drama_id', dramaId).orderBy('number', 'asc')
    return rows.map(ref)
  }

  /** The episode with this number, created as a draft when the drama has none yet. */
  async ensure(dramaId: number, number: number, actor: AuditActor): Promise<EpisodeRef> {
    const found = await this.findByNumber(dramaId, number)
    if (found) return found
    try {
      return ref(await this.admin.create(dramaId, { number, title: `第${number}集` }, actor))
    } catch (error) {
      // Created meanwhile by a parallel upload of the same number.
      const raced = await this.findByNumber(dramaId, number)
      if (raced) return raced
      throw error
    }
  }

  /** A new video arrived: the episode is processing (a published one keeps its old video live). */
  async startProcessing(episodeId: number) {
    const episode = await Episode.findOrFail(episodeId)
    if (REPROCESSABLE.includes(episode.state)) await this.admin.transition(episodeId, 'processing')
  }

  /**
   * Transcoding finished: record the real duration, then review (straight to ready until the
   * moderation module decides otherwise). Returns the episode's state afterwards.
   */
  async finishProcessing(episodeId: number, durationSec: number): Promise<EpisodeState> {
    const episode = await db.transaction(async (trx) => {
      const found = await Episode.query({ client: trx }).where('id', episodeId).forUpdate().first()
      if (!found) return null
      found.durationSec = durationSec
      if (found.outroStartSec !== null && found.outroStartSec > durationSec)
        found.outroStartSec = null
      await found.save()
      return found
    })
    if (!episode) throw AppError.notFound('No such episode')
    await forgetDrama(episode.dramaId)
    if (episode.state !== 'processing') return episode.state
    await this.admin.transition(episodeId, 'reviewing')
    const verdict = await episodeReview.submit(ref(episode))
    if (verdict.decision === 'pass') return (await this.admin.transition(episodeId, 'ready')).state
    if (verdict.decision === 'reject')
      return (await this.admin.transition(episodeId, 'rejected', verdict.reason)).state
    return 'reviewing'
  }

  async failProcessing(episodeId: number, reason: string) {
    const episode = await Episode.find(episodeId)
    if (episode?.state === 'processing')
      await this.admin.transition(episodeId, 'failed', reason.slice(0, 500))
  }

  /** Confirmed intro/outro marks (the operator accepted the detected proposal). */
  async setMarks(
    episodeId: number,
    marks: { introEndSec: number | null; outroStartSec: number | null },
    actor: AuditActor
  ) {
    return ref(await this.admin.update(episodeId, marks, actor))
  }

  /** Published now (used by the demo content generator after its videos are ready). */
  async publishReady(dramaId: number, actor: AuditActor | null) {
    return this.admin.publishReady(dramaId, actor, DateTime.utc())
  }
}
