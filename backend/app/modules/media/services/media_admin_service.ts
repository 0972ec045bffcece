import queue from '#core/services/queue'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'
import EpisodeMedia from '#modules/media/models/episode_media'
import DramaWatermark from '#modules/media/models/drama_watermark'
import { EpisodeMediaLifecycle } from '#modules/catalog/services/episode_media_lifecycle'
import { DETECT_INTRO_OUTRO_JOB, TRANSCODE_JOB } from '#modules/media/services/job_names'
import { announceMedia } from '#modules/media/services/processing_events'
import type { WatermarkPosition } from '#modules/media/services/ladder'

/** What operators see and do around an episode's video once it is uploaded. */
export class MediaAdminService {
  constructor(private lifecycle = new EpisodeMediaLifecycle()) {}

  async processing(episodeId: number) {
    const episode = await this.lifecycle.find(episodeId)
    if (!episode) throw AppError.notFound('No such episode')
    const media = await EpisodeMedia.find(episodeId)
    return { episode, media }
  }

  /** Every episode of a drama that has a video (queued, processing, ready or failed), by number. */
  async dramaProcessing(dramaId: number) {
    if (!(await this.lifecycle.dramaExists(dramaId))) throw AppError.notFound('No such drama')
    const [episodes, media] = await Promise.all([
      this.lifecycle.ofDrama(dramaId),
      EpisodeMedia.query().where('drama_id', dramaId),
    ])
    const byId = new Map(episodes.map((episode) => [episode.id, episode]))
    return media
      .flatMap((row) => {
        const episode = byId.get(row.episodeId)
        return episode ? [{ episode, media: row }] : []
      })
      .sort((a, b) => a.episode.number - b.episode.number)
  }

  /** Transcode the stored source again (after a failure, or to apply a new watermark). */
  async retry(episodeId: number, actor: AuditActor) {
    const { media } = await this.processing(episodeId)
    if (!media) throw AppError.conflict('MEDIA_NOT_UPLOADED', 'This episode has no video yet')
    if (media.state === 'queued' || media.state === 'processing') {
      throw AppError.conflict('MEDIA_BUSY', 'This video is already being processed')
    }
    media.merge({
      state: 'queued',
      progress: 0,
      attempts: 0,
      error: null,
      revision: media.revision + 1,
    })
    await media.save()
    await this.lifecycle.startProcessing(episodeId)
    await queue.dispatch(TRANSCODE_JOB, { episodeId, revision: media.revision })
    await recordAudit({
      actor,
      action: 'media.transcode_retry',
      target: { type: 'episode', id: episodeId },
      after: { revision: media.revision },
    })
    await announceMedia(media, this.lifecycle)
    return media
  }

  async requestDetection(dramaId: number) {
    if (!(await this.lifecycle.dramaExists(dramaId))) throw AppError.notFound('No such drama')
    await queue.dispatch(DETECT_INTRO_OUTRO_JOB, { dramaId })
  }

  async watermark(dramaId: number) {
    if (!(await this.lifecycle.dramaExists(dramaId))) throw AppError.notFound('No such drama')
    return DramaWatermark.find(dramaId)
  }

  async setWatermark(
    dramaId: number,
    input: {
      kind: 'none' | 'text' | 'image'
      text?: string | null
      position: WatermarkPosition
      opacity?: number
    },
    actor: AuditActor
  ) {
    const current = await this.watermark(dramaId)
    if (input.kind === 'text' && !input.text) {
      throw AppError.invalid('text', 'required', 'A text watermark needs its text')
    }
    if (input.kind === 'image' && !current?.imageKey) {
      throw AppError.invalid(
        'kind',
        'image',
        'Upload the watermark image first (purpose "watermark")'
      )
    }
    const mark = await DramaWatermark.updateOrCreate(
      { dramaId },
      {
        kind: input.kind,
        text: input.kind === 'text' ? input.text! : (current?.text ?? null),
        imageKey: current?.imageKey ?? null,
        position: input.position,
        opacityPct: Math.round((input.opacity ?? (current ? current.opacityPct / 100 : 0.8)) * 100),
      }
    )
    await recordAudit({
      actor,
      action: 'media.watermark_update',
      target: { type: 'drama', id: dramaId },
      before: current?.serialize() ?? null,
      after: mark.serialize(),
    })
    return mark
  }
}
