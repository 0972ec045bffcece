import router from '@adonisjs/core/services/router'
import config from '@adonisjs/core/services/config'
import { middleware } from '#start/kernel'
import { apiBudget } from '#start/limiter'

const PlayController = () => import('#modules/playback/controllers/play_controller')
const HlsController = () => import('#modules/playback/controllers/hls_controller')

router
  .group(() => {
    router.get('/episodes/:id/play', [PlayController, 'play']).as('play')
    router.post('/episodes/:id/progress', [PlayController, 'progress']).as('progress')
  })
  .prefix('/api/v1')
  .use([apiBudget, middleware.auth({ guards: ['api'] })])
  .as('playback')

// Signed URLs, fetched by players (no bearer token, no API budget: one episode is many segments).
router.get('/api/v1/hls/:episodeId/*', [HlsController, 'serve']).as('playback.hls')

router
  .get('/admin/v1/episodes/:id/preview', [PlayController, 'preview'])
  .use([middleware.auth({ guards: ['admin'] }), middleware.can({ permission: 'media.manage' })])
  .as('admin.playback.preview')

if (config.get<{ benchRoutes: boolean }>('media').benchRoutes) {
  // Benchmarks only (BENCH_ROUTES=true): the cheapest route through the same middleware stack.
  router
    .get('/api/v1/bench/bare', () => ({ ok: true }))
    .use(apiBudget)
    .as('bench.bare')
}
