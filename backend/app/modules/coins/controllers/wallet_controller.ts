import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { WalletService } from '#modules/coins/services/wallet_service'
import { ledgerValidator } from '#modules/coins/validators/wallet'
import { pageLimit } from '#core/http/request_helpers'

@inject()
export default class WalletController {
  constructor(private wallet: WalletService) {}

  /** Points and VIP come from the tasks and membership modules when they land. */
  async show({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    return {
      ...(await this.wallet.summary(user.id)),
      points: 0,
      vip: { active: false, plan: null, expiresAt: null },
    }
  }

  async ledger({ auth, request }: HttpContext) {
    const { limit, cursor } = await request.validateUsing(ledgerValidator, { data: request.qs() })
    return this.wallet.ledger(auth.use('api').getUserOrFail().id, pageLimit(limit), cursor)
  }
}
