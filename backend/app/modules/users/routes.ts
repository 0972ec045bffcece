import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthController = () => import('#modules/users/controllers/auth_controller')
const MeController = () => import('#modules/users/controllers/me_controller')
const AdminAuthController = () => import('#modules/users/controllers/admin/auth_controller')

router
  .group(() => {
    router.post('/auth/guest', [AuthController, 'guest']).as('auth.guest')
    router
      .group(() => {
        router.post('/auth/logout', [AuthController, 'logout']).as('auth.logout')
        router.get('/me', [MeController, 'show']).as('me.show')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('users')

router
  .group(() => {
    router.post('/auth/login', [AdminAuthController, 'login']).as('auth.login')
    router
      .group(() => {
        router.get('/me', [AdminAuthController, 'me']).as('me')
        router.post('/auth/logout', [AdminAuthController, 'logout']).as('auth.logout')
      })
      .use(middleware.auth({ guards: ['admin'] }))
  })
  .prefix('/admin/v1')
  .as('admin.users')
