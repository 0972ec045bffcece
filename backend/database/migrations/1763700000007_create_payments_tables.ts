import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    this.schema.createTable('recharge_packages', (table) => {
      table.increments('id')
      table.string('name', 64).notNullable()
      table.integer('price_fen').notNullable()
      table.integer('coins').notNullable()
      table.integer('bonus_coins').notNullable().defaultTo(0)
      table.integer('bonus_expires_days').notNullable().defaultTo(30)
      // Extra bonus on a viewer's first paid recharge.
      table.integer('first_recharge_bonus').notNullable().defaultTo(0)
      // JSON array of platforms: app-android, app-ios, h5, mp-weixin.
      table.text('platforms').notNullable()
      table.string('badge', 16).nullable()
      // The App Store product sold for this package in the iOS app (consumable).
      table.string('apple_product_id', 100).nullable()
      table.integer('sort').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('starts_at', { useTz: true }).nullable()
      table.timestamp('ends_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('orders', (table) => {
      table.bigIncrements('id')
      table.string('order_no', 32).notNullable().unique()
      table.bigInteger('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('kind', 16).notNullable()
      table.string('item_id', 32).notNullable()
      // What the order buys, frozen at creation (package coins, bonus, price).
      table.text('snapshot').notNullable()
      table.integer('amount_fen').notNullable()
      table.string('provider', 16).notNullable()
      table.string('platform', 16).notNullable()
      table.string('state', 16).notNullable().defaultTo('pending')
      table.string('provider_txn_id', 64).nullable()
      // A UUID the client passes to the provider (Apple's appAccountToken) to name this order.
      table.uuid('client_token').notNullable().unique()
      table.bigInteger('credit_transfer_id').unsigned().nullable()
      table.string('ip', 64).nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('refunded_at', { useTz: true }).nullable()
      table.string('refund_reason', 255).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'created_at'])
      table.index(['state', 'created_at'])
      table.index(['ip', 'created_at'])
    })

    // Every callback received, verified or not, for support and reconciliation.
    this.schema.createTable('payment_callbacks', (table) => {
      table.bigIncrements('id')
      table.string('provider', 16).notNullable()
      table.string('order_no', 32).nullable()
      table.boolean('verified').notNullable()
      table.string('outcome', 32).notNullable()
      table.text('payload').notNullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['order_no'])
    })

    // The sandbox provider's own record of what its cashier did (never used in production).
    this.schema.createTable('sandbox_payments', (table) => {
      table.string('order_no', 32).primary()
      table.string('status', 16).notNullable()
      table.integer('amount_fen').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  override async down() {
    this.schema.dropTable('sandbox_payments')
    this.schema.dropTable('payment_callbacks')
    this.schema.dropTable('orders')
    this.schema.dropTable('recharge_packages')
  }
}
