import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    this.schema.createTable('admin_users', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('name', 64).notNullable()
      table.string('password').notNullable()
      // JSON array of role names: admin, operator, reviewer, finance.
      table.text('roles').notNullable()
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('admin_access_tokens', (table) => {
      table.increments('id')
      table
        .integer('tokenable_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('admin_users')
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
    this.schema.dropTable('admin_access_tokens')
    this.schema.dropTable('admin_users')
  }
}
