import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Drama from '#modules/catalog/models/drama'
import Episode, { type EpisodeState } from '#modules/catalog/models/episode'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'
import { assertEpisodeTransition } from '#modules/catalog/services/state_machines'
import { forgetDrama } from '#modules/catalog/services/catalog_cache'
import { isUniqueViolation } from '#core/database/errors'
import { dbTime } from '#core/database/time'

export interface EpisodeInput {
  number?: number
  title?: string | null
  durationSec?: number
  isFree?: boolean | null
  priceCoins?: number | null
  introEndSec?: number | null
  outroStartSec?: number | null
  releaseAt?: DateTime | null
}

export interface EpisodeRange {
  from: number
  to: number
}

/** Episodes of a drama (catalog.manage), and the state changes media and moderation report. */
export class EpisodeAdminService {
  async #drama(dramaId: number) {
    const drama = await Drama.find(dramaId)
    if (!drama) throw AppError.notFound('No such drama')
    return drama
  }

  async list(dramaId: number) {
    await this.#drama(dramaId)
    return Episode.query().where('drama_id', dramaId).orderBy('number', 'asc')
  }

  async create(dramaId: number, input: EpisodeInput, actor: AuditActor) {
    await this.#drama(dramaId)
    const number =
      input.number ??
      Number(
        (await db.from('episodes').where('drama_id', dramaId).max('number as n').first())?.n ?? 0
      ) + 1
    this.#checkMarks(input)
    try {
      // In its own transaction: a duplicate number must not poison an enclosing one.
      const episode = await db.transaction((trx) =>
        Episode.create(
          { ...input, dramaId, number, state: 'draft', durationSec: input.durationSec ?? 0 },
          { client: trx }
        )
      )
      await recordAudit({
        actor,
        action: 'catalog.episode_create',
        target: { type: 'episode', id: episode.id },
        after: { dramaId, number },
      })
      await forgetDrama(dramaId)
      return episode
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.conflict('EPISODE_NUMBER_TAKEN', `Episode ${number} already exists`)
      throw error
    }
  }

  async update(id: number, input: EpisodeInput, actor: AuditActor) {
    const episode = await Episode.find(id)
    if (!episode) throw AppError.notFound('No such episode')
    const before = episode.serialize()
    episode.merge(input)
    this.#checkMarks(episode)
    try {
      await db.transaction((trx) => episode.useTransaction(trx).save())
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.conflict('EPISODE_NUMBER_TAKEN', `Episode ${input.number} already exists`)
      throw error
    }
    await recordAudit({
      actor,
      action: 'catalog.episode_update',
      target: { type: 'episode', id },
      before,
      after: episode.serialize(),
    })
    await forgetDrama(episode.dramaId)
    return episode
  }

  async destroy(id: number, actor: AuditActor) {
    const episode = await Episode.find(id)
    if (!episode) throw AppError.notFound('No such episode')
    if (episode.state === 'published')
      throw AppError.conflict('EPISODE_PUBLISHED', 'Unpublish the episode before deleting it')
    await episode.delete()
    await recordAudit({
      actor,
      action: 'catalog.episode_delete',
      target: { type: 'episode', id },
      before: episode.serialize(),
    })
    await forgetDrama(episode.dramaId)
  }

  /** Price and/or free flag for episodes `from`..`to` in one statement. */
  async batchPricing(
    dramaId: number,
    range: EpisodeRange,
    changes: { priceCoins?: number | null; isFree?: boolean | null },
    actor: AuditActor
  ) {
    await this.#drama(dramaId)
    const patch: Record<string, unknown> = { updated_at: dbTime(DateTime.utc()) }
    if (changes.priceCoins !== undefined) patch.price_coins = changes.priceCoins
    if (changes.isFree !== undefined) patch.is_free = changes.isFree
    const updated = await db.transaction(async (trx) => {
      const n = await trx
        .from('episodes')
        .where('drama_id', dramaId)
        .whereBetween('number', [range.from, range.to])
        .update(patch)
      await recordAudit(
        {
          actor,
          action: 'catalog.episodes_pricing',
          target: { type: 'drama', id: dramaId },
          after: { ...range, ...changes },
        },
        trx
      )
      return Number(n)
    })
    await forgetDrama(dramaId)
    return updated
  }

  /** Release time for episodes `from`..`to` (null: as soon as they are published). */
  async schedule(
    dramaId: number,
    range: EpisodeRange,
    releaseAt: DateTime | null,
    actor: AuditActor
  ) {
    await this.#drama(dramaId)
    const n = await db
      .from('episodes')
      .where('drama_id', dramaId)
      .whereBetween('number', [range.from, range.to])
      .update({
        release_at: releaseAt ? dbTime(releaseAt) : null,
        updated_at: dbTime(DateTime.utc()),
      })
    await recordAudit({
      actor,
      action: 'catalog.episodes_schedule',
      target: { type: 'drama', id: dramaId },
      after: { ...range, releaseAt: releaseAt?.toISO() ?? null },
    })
    await forgetDrama(dramaId)
    return Number(n)
  }

  /** Every ready episode whose release time has come goes live. */
  async publishReady(dramaId: number, actor: AuditActor | null, now = DateTime.utc()) {
    const n = await db
      .from('episodes')
      .where('drama_id', dramaId)
      .where('state', 'ready')
      .where((q) => q.whereNull('release_at').orWhere('release_at', '<=', dbTime(now)))
      .update({ state: 'published', published_at: dbTime(now), updated_at: dbTime(now) })
    if (actor)
      await recordAudit({
        actor,
        action: 'catalog.episodes_publish',
        target: { type: 'drama', id: dramaId },
        after: { published: Number(n) },
      })
    await forgetDrama(dramaId)
    return Number(n)
  }

  /** Scheduled job: ready episodes of published dramas whose release time has passed. */
  async releaseDue(now = DateTime.utc()) {
    const rows = await db
      .from('episodes')
      .join('dramas', 'dramas.id', 'episodes.drama_id')
      .where('dramas.state', 'published')
      .where('episodes.state', 'ready')
      .whereNotNull('episodes.release_at')
      .where('episodes.release_at', '<=', dbTime(now))
      .distinct('episodes.drama_id as dramaId')
    let total = 0
    for (const row of rows) total += await this.publishReady(Number(row.dramaId), null, now)
    return total
  }

  /** Renumbers a drama's episodes in the given order (drag to reorder). */
  async reorder(dramaId: number, orderedIds: number[], actor: AuditActor) {
    await this.#drama(dramaId)
    await db.transaction(async (trx) => {
      const ids = (await trx.from('episodes').where('drama_id', dramaId).select('id')).map((r) =>
        Number(r.id)
      )
      if (
        ids.length !== orderedIds.length ||
        new Set(orderedIds).size !== ids.length ||
        !orderedIds.every((id) => ids.includes(id))
      ) {
        throw new AppError(422, 'VALIDATION_FAILED', 'Some fields are invalid', {
          fields: [
            {
              field: 'ids',
              rule: 'permutation',
              message: 'List every episode of the drama exactly once',
            },
          ],
        })
      }
      // Two passes so the unique (drama, number) never sees a duplicate mid-way.
      for (const [i, id] of orderedIds.entries())
        await trx
          .from('episodes')
          .where('id', id)
          .update({ number: -(i + 1) })
      for (const [i, id] of orderedIds.entries())
        await trx
          .from('episodes')
          .where('id', id)
          .update({ number: i + 1 })
      await recordAudit(
        {
          actor,
          action: 'catalog.episodes_reorder',
          target: { type: 'drama', id: dramaId },
          after: { order: orderedIds },
        },
        trx
      )
    })
    await forgetDrama(dramaId)
  }

  /** For media and moderation: move an episode along its state machine. */
  async transition(id: number, to: EpisodeState, reason?: string) {
    const episode = await db.transaction(async (trx) => {
      const found = await Episode.query({ client: trx }).where('id', id).forUpdate().first()
      if (!found) throw AppError.notFound('No such episode')
      assertEpisodeTransition(found.state, to)
      found.merge({
        state: to,
        failureReason: to === 'failed' || to === 'rejected' ? (reason ?? null) : null,
      })
      if (to === 'published') found.publishedAt = DateTime.utc()
      await found.save()
      return found
    })
    await forgetDrama(episode.dramaId)
    return episode
  }

  #checkMarks(input: {
    introEndSec?: number | null
    outroStartSec?: number | null
    durationSec?: number
  }) {
    const { introEndSec, outroStartSec, durationSec } = input
    const fields = []
    if (
      typeof introEndSec === 'number' &&
      typeof outroStartSec === 'number' &&
      introEndSec >= outroStartSec
    ) {
      fields.push({
        field: 'outroStartSec',
        rule: 'after',
        message: 'The outro must start after the intro ends',
      })
    }
    if (durationSec && typeof outroStartSec === 'number' && outroStartSec > durationSec) {
      fields.push({
        field: 'outroStartSec',
        rule: 'max',
        message: 'The outro cannot start after the episode ends',
      })
    }
    if (fields.length)
      throw new AppError(422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields })
  }
}
