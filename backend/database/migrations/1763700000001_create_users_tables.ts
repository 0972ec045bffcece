import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    this.schema.createTable('users', (table) => {
      table.bigIncrements('id')
      table.string('nickname', 64).notNullable()
      table.string('avatar_url', 512).nullable()
      table.boolean('is_guest').notNullable().defaultTo(true)
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('phone', 20).nullable().unique()
      table.string('wechat_openid', 64).nullable()
      table.string('wechat_unionid', 64).nullable().unique()
      table.text('settings').nullable()
      table.string('signup_platform', 16).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // A device (per platform) belongs to one account: the same device signs in as the same guest.
    this.schema.createTable('user_devices', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('platform', 16).notNullable()
      table.string('device_id', 128).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).notNullable()
      table.unique(['platform', 'device_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('user_access_tokens', (table) => {
      table.increments('id')
      table
        .bigInteger('tokenable_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('type').notNullable()
      table.string('name').nullable()
      table.string('hash').notNullable()
      table.text('abilities').notNullable()
      table.timestamp('created_at', { useTz: true })
      table.timestamp('updated_at', { useTz: true })
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.index(['tokenable_id'])
    })
  }

  override async down() {
    this.schema.dropTable('user_access_tokens')
    this.schema.dropTable('user_devices')
    this.schema.dropTable('users')
  }
}
