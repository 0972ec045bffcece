import db from '@adonisjs/lucid/services/db'
import storage from '#core/services/storage'
import EpisodeMedia from '#modules/media/models/episode_media'
import { EpisodeMediaLifecycle } from '#modules/catalog/services/episode_media_lifecycle'
import type { AuditActor } from '#core/audit/audit'
import {
  decodeFingerprint,
  proposeIntroOutro,
  type EpisodePrint,
} from '#modules/media/services/intro_detection'

/**
 * Runs intro/outro detection over one drama's episodes and stores the proposals; operators
 * accept them (all at once or per episode) or set their own marks.
 */
export class IntroOutroService {
  constructor(private lifecycle = new EpisodeMediaLifecycle()) {}

  async detect(dramaId: number) {
    const episodes = await this.lifecycle.ofDrama(dramaId)
    const media = await EpisodeMedia.query()
      .where('drama_id', dramaId)
      .whereNotNull('fingerprint_key')
      .where('live_revision', '>', 0)
    const byEpisode = new Map(media.map((m) => [m.episodeId, m]))
    const prints: EpisodePrint[] = []
    for (const episode of episodes) {
      const m = byEpisode.get(episode.id)
      if (!m?.fingerprintKey) continue
      const raw = await storage.getBuffer(m.fingerprintKey).catch(() => null)
      if (!raw || raw.length < 64) continue
      prints.push({
        episodeId: episode.id,
        durationSec: m.durationMs / 1000,
        items: decodeFingerprint(raw),
      })
    }
    const proposals = proposeIntroOutro(prints)
    await db.transaction(async (trx) => {
      for (const p of proposals) {
        await trx.from('episode_media').where('episode_id', p.episodeId).update({
          proposed_intro_end_sec: p.introEndSec,
          proposed_outro_start_sec: p.outroStartSec,
        })
      }
    })
    return { compared: prints.length, proposals }
  }

  /** Copies the proposals into the episodes' marks (only episodes that have one). */
  async apply(dramaId: number, episodeIds: number[] | undefined, actor: AuditActor) {
    const query = EpisodeMedia.query().where('drama_id', dramaId)
    if (episodeIds?.length) query.whereIn('episode_id', episodeIds)
    const rows = await query
    let applied = 0
    for (const m of rows) {
      if (m.proposedIntroEndSec === null && m.proposedOutroStartSec === null) continue
      const episode = await this.lifecycle.find(m.episodeId)
      if (!episode) continue
      await this.lifecycle.setMarks(
        m.episodeId,
        {
          introEndSec: m.proposedIntroEndSec ?? episode.introEndSec,
          outroStartSec: m.proposedOutroStartSec ?? episode.outroStartSec,
        },
        actor
      )
      applied++
    }
    return applied
  }
}
