/*
| Core routes live here; every module registers its own in app/modules/<module>/routes.ts.
*/
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#core/health/health_controller')

router.get('/health', [HealthController, 'show']).as('health')

await import('#modules/users/routes')
await import('#modules/catalog/routes')
await import('#modules/coins/routes')
await import('#modules/payments/routes')
await import('#modules/media/routes')
await import('#modules/playback/routes')
