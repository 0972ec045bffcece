import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace coins:audit` — exits 1 and lists every broken ledger invariant. */
export default class CoinsAudit extends BaseCommand {
  static override commandName = 'coins:audit'
  static override description =
    'Check the coin ledger: balanced transfers, cached balances, no negatives, bonus lots'
  static override options: CommandOptions = { startApp: true }

  override async run() {
    const { LedgerAuditService } = await import('#modules/coins/services/ledger_audit_service')
    const { problems, stats } = await new LedgerAuditService().run()
    this.logger.info(
      `${stats.transfers} transfers, ${stats.entries} entries, ${stats.accounts} accounts checked`
    )
    if (!problems.length) {
      this.logger.success('ledger is consistent')
      return
    }
    for (const p of problems) this.logger.error(`${p.check}: ${p.detail}`)
    this.exitCode = 1
  }
}
