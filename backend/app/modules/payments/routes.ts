import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiBudget } from '#start/limiter'

const PaymentsController = () => import('#modules/payments/controllers/payments_controller')
const AdminOrdersController = () => import('#modules/payments/controllers/admin/orders_controller')

router
  .group(() => {
    router.get('/recharge-packages', [PaymentsController, 'packagesIndex']).as('packages.index')
    router.get('/payments/providers', [PaymentsController, 'providers']).as('providers')
    router.post('/payments/:provider/notify', [PaymentsController, 'notify']).as('notify')
    router
      .group(() => {
        router.post('/orders', [PaymentsController, 'store']).as('orders.store')
        router.get('/orders/:id', [PaymentsController, 'show']).as('orders.show')
        router
          .post('/payments/sandbox/orders/:orderNo/confirm', [PaymentsController, 'sandboxConfirm'])
          .as('sandbox.confirm')
      })
      .use([apiBudget, middleware.auth({ guards: ['api'] })])
  })
  .prefix('/api/v1')
  .as('payments')

router
  .group(() => {
    router
      .get('/orders', [AdminOrdersController, 'index'])
      .as('orders.index')
      .use(middleware.can({ permission: 'orders.read' }))
    router
      .get('/orders/:id', [AdminOrdersController, 'show'])
      .as('orders.show')
      .use(middleware.can({ permission: 'orders.read' }))
    router
      .post('/orders/:id/refund', [AdminOrdersController, 'refund'])
      .as('orders.refund')
      .use(middleware.can({ permission: 'finance.manage' }))
    router
      .get('/payments/reports', [AdminOrdersController, 'report'])
      .as('reports.show')
      .use(middleware.can({ permission: 'finance.manage' }))
    router
      .group(() => {
        router
          .get('/recharge-packages', [AdminOrdersController, 'packagesIndex'])
          .as('packages.index')
        router
          .post('/recharge-packages', [AdminOrdersController, 'packagesStore'])
          .as('packages.store')
        router
          .patch('/recharge-packages/:id', [AdminOrdersController, 'packagesUpdate'])
          .as('packages.update')
      })
      .use(middleware.can({ permission: 'finance.manage' }))
  })
  .prefix('/admin/v1')
  .use(middleware.auth({ guards: ['admin'] }))
  .as('admin.payments')
