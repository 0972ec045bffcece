import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Drama, { type CastMember, type DramaState } from '#modules/catalog/models/drama'
import Episode from '#modules/catalog/models/episode'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit, type AuditActor } from '#core/audit/audit'
import { assertDramaTransition } from '#modules/catalog/services/state_machines'
import { forgetDrama } from '#modules/catalog/services/catalog_cache'
import { dramaReview } from '#modules/catalog/services/review_hooks'
import { randomUUID } from 'node:crypto'
import env from '#start/env'
import storage from '#core/services/storage'
import { contentTypeOf, readImageUpload } from '#core/images'
import { dbTime } from '#core/database/time'

export const DRAMA_IMAGE_MAX_BYTES = 5 * 1024 * 1024

export interface DramaInput {
  title: string
  synopsis: string
  coverUrl?: string | null
  bannerUrl?: string | null
  categoryIds?: number[]
  tags?: string[]
  cast?: CastMember[]
  region?: string | null
  language?: string
  status?: 'ongoing' | 'completed'
  plannedEpisodes?: number
  freeEpisodes?: number
  episodePriceCoins?: number
  seriesPriceCoins?: number | null
  isSponsored?: boolean
  rating?: number
  sortWeight?: number
  editorPick?: boolean
}

export interface DramaFilters {
  q?: string
  state?: DramaState
  categoryId?: number
  limit: number
  page: number
}

const EDITABLE = [
  'title',
  'synopsis',
  'coverUrl',
  'bannerUrl',
  'tags',
  'cast',
  'region',
  'language',
  'status',
  'plannedEpisodes',
  'freeEpisodes',
  'episodePriceCoins',
  'seriesPriceCoins',
  'isSponsored',
  'rating',
  'sortWeight',
  'editorPick',
] as const

function snapshot(drama: Drama) {
  return Object.fromEntries([...EDITABLE, 'state'].map((k) => [k, (drama as any)[k]]))
}

/** What operators (catalog.manage) do to dramas. Every change invalidates that drama's cache only. */
export class DramaAdminService {
  async list(filters: DramaFilters) {
    const query = Drama.query().preload('categories').withCount('episodes').orderBy('id', 'desc')
    if (filters.state) query.where('state', filters.state)
    if (filters.q) query.where('search_text', 'like', `%${filters.q.toLowerCase()}%`)
    if (filters.categoryId) {
      query.whereIn(
        'id',
        db.from('drama_categories').select('drama_id').where('category_id', filters.categoryId)
      )
    }
    return query.paginate(filters.page, filters.limit)
  }

  async find(id: number) {
    const drama = await Drama.query().where('id', id).preload('categories').first()
    if (!drama) throw AppError.notFound('No such drama')
    return drama
  }

  async create(input: DramaInput, actor: AuditActor) {
    return db.transaction(async (trx) => {
      const drama = new Drama().useTransaction(trx)
      drama.merge({ tags: [], cast: [], language: 'zh', state: 'draft', ...this.#fields(input) })
      await drama.save()
      if (input.categoryIds) await this.#setCategories(drama, input.categoryIds, trx)
      await recordAudit(
        {
          actor,
          action: 'catalog.drama_create',
          target: { type: 'drama', id: drama.id },
          after: snapshot(drama),
        },
        trx
      )
      return drama
    })
  }

  async update(id: number, input: Partial<DramaInput>, actor: AuditActor) {
    const drama = await db.transaction(async (trx) => {
      const found = await Drama.query({ client: trx }).where('id', id).forUpdate().first()
      if (!found) throw AppError.notFound('No such drama')
      const before = snapshot(found)
      found.merge(this.#fields(input))
      await found.save()
      if (input.categoryIds) await this.#setCategories(found, input.categoryIds, trx)
      await recordAudit(
        {
          actor,
          action: 'catalog.drama_update',
          target: { type: 'drama', id },
          before,
          after: snapshot(found),
        },
        trx
      )
      return found
    })
    await forgetDrama(id)
    return drama
  }

  async destroy(id: number, actor: AuditActor) {
    await db.transaction(async (trx) => {
      const drama = await Drama.query({ client: trx }).where('id', id).forUpdate().first()
      if (!drama) throw AppError.notFound('No such drama')
      if (drama.state !== 'draft' && drama.state !== 'rejected') {
        throw AppError.conflict(
          'DRAMA_NOT_DELETABLE',
          'Only draft or rejected dramas can be deleted; unpublish instead'
        )
      }
      await drama.delete()
      await recordAudit(
        {
          actor,
          action: 'catalog.drama_delete',
          target: { type: 'drama', id },
          before: snapshot(drama),
        },
        trx
      )
    })
    await forgetDrama(id)
  }

  /** A portrait cover or a banner, stored under dramas/<id>/images/ and served by the API. */
  async setImage(id: number, kind: 'cover' | 'banner', tmpPath: string, actor: AuditActor) {
    const drama = await Drama.find(id)
    if (!drama) throw AppError.notFound('No such drama')
    const image = await readImageUpload(tmpPath, DRAMA_IMAGE_MAX_BYTES, 'IMAGE_INVALID')
    const file = `${kind}-${randomUUID()}.${image.ext}`
    await storage.put(`dramas/${id}/images/${file}`, image.bytes, { contentType: image.type })
    const url = `${env.get('APP_URL').replace(/\/$/, '')}/api/v1/dramas/${id}/images/${file}`
    return this.update(id, kind === 'cover' ? { coverUrl: url } : { bannerUrl: url }, actor)
  }

  async readImage(id: number, file: string) {
    if (!/^(cover|banner)-[\w-]+\.(jpg|png|webp)$/.test(file))
      throw AppError.notFound('No such image')
    const key = `dramas/${id}/images/${file}`
    if (!(await storage.exists(key))) throw AppError.notFound('No such image')
    return { stream: await storage.getStream(key), type: contentTypeOf(file) }
  }

  /**
   * Publish now or at `publishAt`. Needs at least one ready episode. A drama that was never
   * reviewed goes through review first (the moderation hook; it passes at once until the
   * moderation module decides otherwise).
   */
  async publish(id: number, publishAt: DateTime | null, actor: AuditActor) {
    const drama = await db.transaction(async (trx) => {
      const found = await Drama.query({ client: trx }).where('id', id).forUpdate().first()
      if (!found) throw AppError.notFound('No such drama')
      const playable = await Episode.query({ client: trx })
        .where('drama_id', id)
        .whereIn('state', ['ready', 'published'])
        .count('* as n')
        .first()
      if (Number(playable?.$extras.n ?? 0) === 0) {
        throw AppError.conflict(
          'NO_READY_EPISODE',
          'A drama needs at least one ready episode before it can be published'
        )
      }
      const before = snapshot(found)
      found.publishAt = publishAt && publishAt > DateTime.utc() ? publishAt : null
      if (found.state === 'draft' || found.state === 'rejected') {
        assertDramaTransition(found.state, 'reviewing')
        found.state = 'reviewing'
        found.reviewedAt = null
        found.reviewNote = null
        await found.save()
        const verdict = await dramaReview.submit(found)
        if (verdict.decision === 'pass') found.reviewedAt = DateTime.utc()
        else if (verdict.decision === 'reject') {
          assertDramaTransition('reviewing', 'rejected')
          found.merge({ state: 'rejected', reviewNote: verdict.reason ?? null })
        }
      } else if (found.state === 'published') {
        throw AppError.conflict('ALREADY_PUBLISHED', 'This drama is already published')
      }
      await found.save()
      if (found.reviewedAt && !found.publishAt && (found.state as DramaState) !== 'rejected') {
        await this.#goLive(found, trx)
      }
      await recordAudit(
        {
          actor,
          action: 'catalog.drama_publish',
          target: { type: 'drama', id },
          before,
          after: snapshot(found),
        },
        trx
      )
      return found
    })
    await forgetDrama(id)
    return drama
  }

  async unpublish(id: number, actor: AuditActor) {
    const drama = await db.transaction(async (trx) => {
      const found = await Drama.query({ client: trx }).where('id', id).forUpdate().first()
      if (!found) throw AppError.notFound('No such drama')
      assertDramaTransition(found.state, 'unpublished')
      found.merge({ state: 'unpublished', publishAt: null })
      await found.save()
      await recordAudit(
        {
          actor,
          action: 'catalog.drama_unpublish',
          target: { type: 'drama', id },
          after: { state: 'unpublished' },
        },
        trx
      )
      return found
    })
    await forgetDrama(id)
    return drama
  }

  /** Publishes reviewed dramas whose time has come (scheduled job). Returns their ids. */
  async publishDue(now = DateTime.utc()) {
    const due = await Drama.query()
      .whereIn('state', ['reviewing', 'unpublished'])
      .whereNotNull('reviewed_at')
      .whereNotNull('publish_at')
      .where('publish_at', '<=', dbTime(now))
    const ids: number[] = []
    for (const drama of due) {
      await db.transaction(async (trx) => {
        const locked = await Drama.query({ client: trx })
          .where('id', drama.id)
          .forUpdate()
          .firstOrFail()
        if (!locked.publishAt || locked.publishAt > now || !locked.reviewedAt) return
        if (locked.state !== 'reviewing' && locked.state !== 'unpublished') return
        locked.publishAt = null
        await this.#goLive(locked, trx)
        ids.push(locked.id)
      })
      await forgetDrama(drama.id)
    }
    return ids
  }

  async #goLive(drama: Drama, trx: TransactionClientContract) {
    assertDramaTransition(drama.state, 'published')
    drama.useTransaction(trx)
    drama.merge({ state: 'published', publishedAt: drama.publishedAt ?? DateTime.utc() })
    await drama.save()
    // Ready episodes due now go live with the drama; later ones wait for their release time.
    await Episode.query({ client: trx })
      .where('drama_id', drama.id)
      .where('state', 'ready')
      .where((q) => q.whereNull('release_at').orWhere('release_at', '<=', dbTime(DateTime.utc())))
      .update({
        state: 'published',
        published_at: dbTime(DateTime.utc()),
        updated_at: dbTime(DateTime.utc()),
      })
  }

  #fields(input: Partial<DramaInput>) {
    const picked: Record<string, unknown> = {}
    for (const key of EDITABLE) if (input[key] !== undefined) picked[key] = input[key]
    return picked as Partial<Drama>
  }

  async #setCategories(drama: Drama, categoryIds: number[], trx: TransactionClientContract) {
    const existing = await trx.from('categories').whereIn('id', categoryIds).select('id')
    if (existing.length !== new Set(categoryIds).size) {
      throw AppError.invalid('categoryIds', 'exists', 'Unknown category')
    }
    await drama.related('categories').sync([...new Set(categoryIds)], true, trx)
  }
}
