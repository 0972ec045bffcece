import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    // Resumable uploads by operators: one row per file, chunks recorded as they arrive.
    this.schema.createTable('media_uploads', (table) => {
      table.string('id', 36).primary()
      table
        .integer('admin_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('admin_users')
        .onDelete('CASCADE')
      table.string('purpose', 16).notNullable()
      table
        .bigInteger('drama_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('dramas')
        .onDelete('CASCADE')
      table.bigInteger('episode_id').unsigned().nullable()
      table.integer('episode_number').nullable()
      table.string('filename', 255).notNullable()
      table.string('content_type', 100).notNullable()
      table.bigInteger('size_bytes').notNullable()
      table.string('sha256', 64).nullable()
      // Same admin + purpose + target + name + size + sha256: the same file, so the same upload.
      table.string('fingerprint', 64).notNullable()
      table.integer('chunk_size').notNullable()
      table.integer('total_chunks').notNullable()
      table.string('state', 16).notNullable().defaultTo('uploading')
      table.string('error', 500).nullable()
      table.text('result').nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('completed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['fingerprint', 'state'])
      table.index(['state', 'expires_at'])
    })

    this.schema.createTable('media_upload_chunks', (table) => {
      table
        .string('upload_id', 36)
        .notNullable()
        .references('id')
        .inTable('media_uploads')
        .onDelete('CASCADE')
      table.integer('index').notNullable()
      table.integer('size').notNullable()
      table.string('sha256', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['upload_id', 'index'])
    })

    // One row per episode with a video: the source, the current HLS output and its processing.
    this.schema.createTable('episode_media', (table) => {
      table
        .bigInteger('episode_id')
        .unsigned()
        .primary()
        .references('id')
        .inTable('episodes')
        .onDelete('CASCADE')
      table.bigInteger('drama_id').unsigned().notNullable()
      table.string('source_key', 1024).notNullable()
      table.string('source_name', 255).nullable()
      table.bigInteger('source_bytes').notNullable().defaultTo(0)
      table.text('probe').nullable()
      // queued | processing | ready | failed: the newest source's processing.
      table.string('state', 16).notNullable()
      table.integer('progress').notNullable().defaultTo(0)
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('error', 1000).nullable()
      // Which source revision is being produced, and which one is served (0: none yet).
      table.integer('revision').notNullable().defaultTo(1)
      table.integer('live_revision').notNullable().defaultTo(0)
      table.string('output_prefix', 1024).nullable()
      table.text('ladder').nullable()
      // AES-128 key (encrypted with APP_KEY) and IV (hex) of the live output.
      table.text('key_cipher').nullable()
      table.string('key_iv', 32).nullable()
      table.boolean('has_audio').notNullable().defaultTo(false)
      table.integer('duration_ms').notNullable().defaultTo(0)
      table.string('poster_key', 1024).nullable()
      table.string('sprite_key', 1024).nullable()
      table.string('thumbnails_key', 1024).nullable()
      table.string('fingerprint_key', 1024).nullable()
      table.integer('proposed_intro_end_sec').nullable()
      table.integer('proposed_outro_start_sec').nullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['drama_id'])
    })

    this.schema.createTable('drama_watermarks', (table) => {
      table
        .bigInteger('drama_id')
        .unsigned()
        .primary()
        .references('id')
        .inTable('dramas')
        .onDelete('CASCADE')
      table.string('kind', 8).notNullable()
      table.string('text', 40).nullable()
      table.string('image_key', 1024).nullable()
      table.string('position', 16).notNullable()
      table.integer('opacity_pct').notNullable().defaultTo(80)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // Where each viewer is in each episode: resume position and completions.
    this.schema.createTable('playback_progress', (table) => {
      table
        .bigInteger('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .bigInteger('episode_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('episodes')
        .onDelete('CASCADE')
      table.bigInteger('drama_id').unsigned().notNullable()
      table.integer('position_sec').notNullable().defaultTo(0)
      table.integer('duration_sec').notNullable().defaultTo(0)
      table.boolean('completed').notNullable().defaultTo(false)
      table.integer('views').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.primary(['user_id', 'episode_id'])
      table.index(['user_id', 'drama_id', 'updated_at'])
    })
  }

  override async down() {
    this.schema.dropTable('playback_progress')
    this.schema.dropTable('drama_watermarks')
    this.schema.dropTable('episode_media')
    this.schema.dropTable('media_upload_chunks')
    this.schema.dropTable('media_uploads')
  }
}
