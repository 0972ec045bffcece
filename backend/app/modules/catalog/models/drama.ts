import { DateTime } from 'luxon'
import { BaseModel, beforeSave, column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#core/database/json_column'
import Category from '#modules/catalog/models/category'
import Episode from '#modules/catalog/models/episode'

export const DRAMA_STATES = ['draft', 'reviewing', 'published', 'unpublished', 'rejected'] as const
export type DramaState = (typeof DRAMA_STATES)[number]

export interface CastMember {
  name: string
  role?: string
}

const bool = { consume: (v: unknown) => Boolean(v) }

export default class Drama extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare title: string
  @column() declare synopsis: string
  @column() declare coverUrl: string | null
  @column() declare bannerUrl: string | null
  @column(jsonColumn<string[]>([])) declare tags: string[]
  @column(jsonColumn<CastMember[]>([])) declare cast: CastMember[]
  @column() declare region: string | null
  @column() declare language: string
  @column() declare status: 'ongoing' | 'completed'
  @column() declare plannedEpisodes: number
  @column() declare freeEpisodes: number
  @column() declare episodePriceCoins: number
  @column() declare seriesPriceCoins: number | null
  @column(bool) declare isSponsored: boolean
  @column() declare rating: number
  @column() declare sortWeight: number
  @column({ consume: (v: unknown) => Number(v) }) declare hotScore: number
  @column(bool) declare editorPick: boolean
  @column() declare state: DramaState
  @column() declare reviewNote: string | null
  @column.dateTime() declare reviewedAt: DateTime | null
  @column.dateTime() declare publishAt: DateTime | null
  @column.dateTime() declare publishedAt: DateTime | null
  @column({ serializeAs: null }) declare searchText: string
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime

  @manyToMany(() => Category, { pivotTable: 'drama_categories' }) declare categories: ManyToMany<
    typeof Category
  >
  @hasMany(() => Episode) declare episodes: HasMany<typeof Episode>

  /** Lower-cased title, tags and cast names: what search matches against. */
  @beforeSave()
  static foldSearchText(drama: Drama) {
    drama.searchText = [
      drama.title,
      ...(drama.tags ?? []),
      ...(drama.cast ?? []).map((c) => c.name),
    ]
      .join(' ')
      .toLowerCase()
  }
}
