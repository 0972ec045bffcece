import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiBudget } from '#start/limiter'

const WalletController = () => import('#modules/coins/controllers/wallet_controller')
const WalletsController = () => import('#modules/coins/controllers/admin/wallets_controller')

router
  .group(() => {
    router.get('/wallet', [WalletController, 'show']).as('wallet.show')
    router.get('/wallet/ledger', [WalletController, 'ledger']).as('wallet.ledger')
  })
  .prefix('/api/v1')
  .use([apiBudget, middleware.auth({ guards: ['api'] })])
  .as('coins')

router
  .group(() => {
    router.get('/users/:id/wallet', [WalletsController, 'show']).as('wallets.show')
    router.post('/users/:id/coins/grant', [WalletsController, 'grant']).as('wallets.grant')
    router.post('/users/:id/coins/deduct', [WalletsController, 'deduct']).as('wallets.deduct')
  })
  .prefix('/admin/v1')
  .use([middleware.auth({ guards: ['admin'] }), middleware.can({ permission: 'finance.manage' })])
  .as('admin.coins')
