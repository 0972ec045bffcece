import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    // Viewers own `paid` and `bonus` accounts; the platform owns source and sink accounts
    // (payments, promotions, revenue, expired, refunds) that may go negative.
    this.schema.createTable('coin_accounts', (table) => {
      table.bigIncrements('id')
      // `user:<id>:paid`, `user:<id>:bonus`, `platform:<kind>`: one row per account.
      table.string('key', 64).notNullable().unique()
      table.bigInteger('user_id').unsigned().nullable().references('id').inTable('users')
      table.string('kind', 16).notNullable()
      table.bigInteger('balance').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id'])
    })

    // One movement of coins; its entries sum to zero. The idempotency key makes a retry a no-op.
    this.schema.createTable('coin_transfers', (table) => {
      table.bigIncrements('id')
      table.string('type', 24).notNullable()
      table.string('idempotency_key', 128).notNullable().unique()
      table.bigInteger('user_id').unsigned().nullable()
      table.string('reference_type', 32).nullable()
      table.string('reference_id', 64).nullable()
      table.string('memo', 255).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'id'])
      table.index(['reference_type', 'reference_id'])
    })

    this.schema.createTable('coin_entries', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('transfer_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('coin_transfers')
      table
        .bigInteger('account_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('coin_accounts')
      // + credits the account, − debits it.
      table.bigInteger('amount').notNullable()
      table.bigInteger('balance_after').notNullable()
      table.bigInteger('lot_id').unsigned().nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['account_id', 'id'])
      table.index(['transfer_id'])
    })

    // Bonus coins arrive in lots with an expiry; spending takes the earliest-expiring lot first.
    this.schema.createTable('coin_bonus_lots', (table) => {
      table.bigIncrements('id')
      table.bigInteger('user_id').unsigned().notNullable().references('id').inTable('users')
      table.bigInteger('granted').notNullable()
      table.bigInteger('remaining').notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table
        .bigInteger('transfer_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('coin_transfers')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'expires_at'])
      table.index(['expires_at'])
    })
  }

  override async down() {
    this.schema.dropTable('coin_bonus_lots')
    this.schema.dropTable('coin_entries')
    this.schema.dropTable('coin_transfers')
    this.schema.dropTable('coin_accounts')
  }
}
