import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace admin:create ops@example.com "Ops Lead" --role=admin` — the first admin of an install. */
export default class AdminCreate extends BaseCommand {
  static override commandName = 'admin:create'
  static override description = 'Create an admin account (password from a prompt or --password)'
  static override options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email address (the login)' })
  declare email: string

  @args.string({ description: 'Display name' })
  declare name: string

  @flags.string({ description: 'Role: admin, operator, reviewer or finance', default: 'admin' })
  declare role: string

  @flags.string({ description: 'Password (at least 10 characters); prompted for when omitted' })
  declare password?: string

  override async run() {
    const { createAdminValidator } = await import('#modules/users/validators/auth')
    const { AdminAccountsService } = await import('#modules/users/services/admin_accounts_service')

    const password =
      this.password ??
      (await this.prompt.secure('Password (at least 10 characters)', {
        validate: (value) => value.length >= 10 || 'At least 10 characters',
      }))

    let input
    try {
      input = await createAdminValidator.validate({
        email: this.email,
        name: this.name,
        roles: [this.role],
        password,
      })
    } catch (error) {
      const messages = (error as { messages?: { field: string; message: string }[] }).messages
      if (!messages) throw error
      for (const m of messages) this.logger.error(`${m.field}: ${m.message}`)
      this.exitCode = 1
      return
    }
    try {
      const admin = await new AdminAccountsService().create(
        input,
        { type: 'system', name: 'ace admin:create' },
        null
      )
      this.logger.success(`Created admin #${admin.id} ${admin.email} (${admin.roles.join(', ')})`)
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
