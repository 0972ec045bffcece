import type { JobDefinition } from '#core/queue/types'
import { WalletService } from '#modules/coins/services/wallet_service'

export const expireBonusCoins: JobDefinition = {
  name: 'coins.expire_bonus_coins',
  retries: 3,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { logger }) {
    const expired = await new WalletService().expireLots()
    if (expired) logger.info({ expired }, 'bonus coins expired')
    return { expired }
  },
}
