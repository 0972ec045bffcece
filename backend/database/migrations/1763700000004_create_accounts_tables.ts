import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    // Login codes: only a keyed hash of the code is stored; attempts count wrong guesses.
    this.schema.createTable('sms_codes', (table) => {
      table.bigIncrements('id')
      table.string('phone', 20).notNullable()
      table.string('purpose', 16).notNullable()
      table.string('code_hash', 64).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('ip', 64).nullable()
      table.string('provider', 16).notNullable()
      table.string('provider_ref', 128).nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('consumed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['phone', 'purpose', 'created_at'])
    })

    // One row per guest folded into an account: the unique source makes a merge happen once.
    this.schema.createTable('account_merges', (table) => {
      table.bigIncrements('id')
      table.bigInteger('source_user_id').unsigned().notNullable().unique()
      table.bigInteger('target_user_id').unsigned().notNullable().references('id').inTable('users')
      table.text('moved').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.alterTable('users', (table) => {
      table.string('wechat_session_key', 64).nullable()
      table.string('banned_reason', 255).nullable()
      table.timestamp('banned_at', { useTz: true }).nullable()
      table.bigInteger('merged_into_id').unsigned().nullable()
      table.index(['wechat_openid'])
    })

    // Who did what to what, from where; written through app/core/audit only.
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.string('actor_type', 16).notNullable()
      table.bigInteger('actor_id').unsigned().nullable()
      table.string('actor_name', 254).nullable()
      table.string('action', 64).notNullable()
      table.string('target_type', 32).nullable()
      table.string('target_id', 64).nullable()
      table.text('before').nullable()
      table.text('after').nullable()
      table.string('ip', 64).nullable()
      table.string('request_id', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['created_at'])
      table.index(['actor_type', 'actor_id', 'created_at'])
      table.index(['target_type', 'target_id'])
      table.index(['action', 'created_at'])
    })
  }

  override async down() {
    this.schema.dropTable('audit_logs')
    this.schema.alterTable('users', (table) => {
      table.dropIndex(['wechat_openid'])
      table.dropColumn('wechat_session_key')
      table.dropColumn('banned_reason')
      table.dropColumn('banned_at')
      table.dropColumn('merged_into_id')
    })
    this.schema.dropTable('account_merges')
    this.schema.dropTable('sms_codes')
  }
}
