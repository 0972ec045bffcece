import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    // One reconciliation report per business day: totals and every mismatch found.
    this.schema.createTable('payment_reports', (table) => {
      table.increments('id')
      table.date('day').notNullable().unique()
      table.text('summary').notNullable()
      table.integer('mismatches').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  override async down() {
    this.schema.dropTable('payment_reports')
  }
}
