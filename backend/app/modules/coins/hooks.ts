/*
| How the coins module plugs into others at boot: a guest's coins follow it into the account
| it merges into.
*/
import { accountMergers } from '#modules/users/services/account_mergers'
import { WalletService } from '#modules/coins/services/wallet_service'

accountMergers.register('coins', (sourceId, targetId, trx) =>
  new WalletService().moveAll(sourceId, targetId, trx)
)
