import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  override async up() {
    // Jobs that used up their attempts, with the reason; pruned after 30 days by a scheduled job.
    this.schema.createTable('failed_jobs', (table) => {
      table.bigIncrements('id')
      table.string('driver', 16).notNullable()
      table.string('name', 128).notNullable()
      table.string('job_id', 64).notNullable()
      table.text('payload').notNullable()
      table.integer('attempts').notNullable()
      table.text('error').notNullable()
      table.text('stack').nullable()
      table.timestamp('failed_at', { useTz: true }).notNullable()
      table.index(['name', 'failed_at'])
    })
  }

  override async down() {
    this.schema.dropTable('failed_jobs')
  }
}
