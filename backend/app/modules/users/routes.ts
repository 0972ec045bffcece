import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiBudget, signInPerIp, smsPerIp } from '#start/limiter'

const AuthController = () => import('#modules/users/controllers/auth_controller')
const MeController = () => import('#modules/users/controllers/me_controller')
const AdminAuthController = () => import('#modules/users/controllers/admin/auth_controller')
const ViewersController = () => import('#modules/users/controllers/admin/viewers_controller')
const AdminsController = () => import('#modules/users/controllers/admin/admins_controller')
const AuditLogsController = () => import('#modules/users/controllers/admin/audit_logs_controller')

router
  .group(() => {
    router.post('/auth/guest', [AuthController, 'guest']).as('auth.guest').use(signInPerIp)
    router.post('/auth/sms-codes', [AuthController, 'smsCode']).as('auth.sms_codes').use(smsPerIp)
    router.post('/auth/phone', [AuthController, 'phone']).as('auth.phone').use(signInPerIp)
    router
      .post('/auth/wechat-mp', [AuthController, 'wechatMp'])
      .as('auth.wechat_mp')
      .use(signInPerIp)
    router.get('/avatars/:userId/:file', [MeController, 'showAvatar']).as('avatars.show')
    router
      .group(() => {
        router
          .post('/auth/wechat-mp/phone', [AuthController, 'wechatPhone'])
          .as('auth.wechat_mp_phone')
        router.post('/auth/logout', [AuthController, 'logout']).as('auth.logout')
        router.get('/me', [MeController, 'show']).as('me.show')
        router.patch('/me', [MeController, 'update']).as('me.update')
        router.put('/me', [MeController, 'update']).as('me.replace')
        router.post('/me/avatar', [MeController, 'avatar']).as('me.avatar')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .use(apiBudget)
  .as('users')

router
  .group(() => {
    router.post('/auth/login', [AdminAuthController, 'login']).as('auth.login')
    router
      .group(() => {
        router.get('/me', [AdminAuthController, 'me']).as('me')
        router.post('/auth/logout', [AdminAuthController, 'logout']).as('auth.logout')

        router
          .group(() => {
            router.get('/users', [ViewersController, 'index']).as('viewers.index')
            router.get('/users/:id', [ViewersController, 'show']).as('viewers.show')
            router.post('/users/:id/ban', [ViewersController, 'ban']).as('viewers.ban')
            router.post('/users/:id/unban', [ViewersController, 'unban']).as('viewers.unban')
          })
          .use(middleware.can({ permission: 'users.manage' }))

        router
          .group(() => {
            router.get('/admins', [AdminsController, 'index']).as('admins.index')
            router.get('/roles', [AdminsController, 'roles']).as('admins.roles')
            router.post('/admins', [AdminsController, 'store']).as('admins.store')
            router.patch('/admins/:id', [AdminsController, 'update']).as('admins.update')
          })
          .use(middleware.can({ permission: 'admins.manage' }))

        router
          .get('/audit-logs', [AuditLogsController, 'index'])
          .as('audit.index')
          .use(middleware.can({ permission: 'audit.read' }))
      })
      .use(middleware.auth({ guards: ['admin'] }))
  })
  .prefix('/admin/v1')
  .as('admin.users')
