import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    this.schema.createTable('categories', (table) => {
      table.increments('id')
      table.string('name', 32).notNullable()
      table.string('name_en', 64).nullable()
      table.string('slug', 48).notNullable().unique()
      table.integer('sort').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('dramas', (table) => {
      table.bigIncrements('id')
      table.string('title', 100).notNullable()
      table.text('synopsis').notNullable()
      table.string('cover_url', 512).nullable()
      table.string('banner_url', 512).nullable()
      table.text('tags').notNullable()
      table.text('cast').notNullable()
      table.string('region', 32).nullable()
      table.string('language', 16).notNullable().defaultTo('zh')
      table.string('status', 16).notNullable().defaultTo('ongoing')
      table.integer('planned_episodes').notNullable().defaultTo(0)
      table.integer('free_episodes').notNullable().defaultTo(0)
      table.integer('episode_price_coins').notNullable().defaultTo(0)
      table.integer('series_price_coins').nullable()
      table.boolean('is_sponsored').notNullable().defaultTo(false)
      // Tenths: 87 means 8.7.
      table.integer('rating').notNullable().defaultTo(0)
      table.integer('sort_weight').notNullable().defaultTo(0)
      // Written by the rankings job: decayed 7-day plays + unlocks, x1000.
      table.bigInteger('hot_score').notNullable().defaultTo(0)
      table.boolean('editor_pick').notNullable().defaultTo(false)
      table.string('state', 16).notNullable().defaultTo('draft')
      table.string('review_note', 255).nullable()
      // When review passed; a reviewed drama publishes at publish_at (or at once).
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('publish_at', { useTz: true }).nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      // Title, tags and cast folded together for search (trigram index on PostgreSQL).
      table.text('search_text').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['state', 'published_at'])
      table.index(['state', 'publish_at'])
    })

    this.schema.createTable('drama_categories', (table) => {
      table
        .bigInteger('drama_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('dramas')
        .onDelete('CASCADE')
      table
        .integer('category_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('categories')
        .onDelete('CASCADE')
      table.primary(['drama_id', 'category_id'])
      table.index(['category_id'])
    })

    this.schema.createTable('episodes', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('drama_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('dramas')
        .onDelete('CASCADE')
      table.integer('number').notNullable()
      table.string('title', 100).nullable()
      table.integer('duration_sec').notNullable().defaultTo(0)
      table.boolean('is_free').nullable()
      table.integer('price_coins').nullable()
      table.integer('intro_end_sec').nullable()
      table.integer('outro_start_sec').nullable()
      table.string('state', 16).notNullable().defaultTo('draft')
      table.string('failure_reason', 500).nullable()
      table.timestamp('release_at', { useTz: true }).nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['drama_id', 'number'])
      table.index(['state', 'release_at'])
    })

    // Daily plays and unlocks per drama: written by playback and unlocks, read by the rankings job.
    this.schema.createTable('drama_daily_metrics', (table) => {
      table
        .bigInteger('drama_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('dramas')
        .onDelete('CASCADE')
      table.date('day').notNullable()
      table.integer('plays').notNullable().defaultTo(0)
      table.integer('unlocks').notNullable().defaultTo(0)
      table.primary(['drama_id', 'day'])
      table.index(['day'])
    })

    if (this.db.dialect.name === 'postgres') {
      this.defer(async (db) => {
        await db.rawQuery('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        await db.rawQuery(
          'CREATE INDEX dramas_search_text_trgm ON dramas USING gin (search_text gin_trgm_ops)'
        )
      })
    }
  }

  override async down() {
    this.schema.dropTable('drama_daily_metrics')
    this.schema.dropTable('episodes')
    this.schema.dropTable('drama_categories')
    this.schema.dropTable('dramas')
    this.schema.dropTable('categories')
  }
}
