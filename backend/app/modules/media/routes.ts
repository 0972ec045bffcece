import router from '@adonisjs/core/services/router'
import transmit from '@adonisjs/transmit/services/main'
import { middleware } from '#start/kernel'
import {
  authorizeProcessingChannel,
  guardTransmitRequest,
} from '#modules/media/services/live_channels'

const UploadsController = () => import('#modules/media/controllers/admin/uploads_controller')
const ProcessingController = () => import('#modules/media/controllers/admin/processing_controller')

router
  .group(() => {
    router.post('/uploads', [UploadsController, 'store']).as('uploads.store')
    router.get('/uploads/:id', [UploadsController, 'show']).as('uploads.show')
    router.put('/uploads/:id/chunks/:index', [UploadsController, 'chunk']).as('uploads.chunk')
    router.post('/uploads/:id/complete', [UploadsController, 'complete']).as('uploads.complete')
    router.delete('/uploads/:id', [UploadsController, 'destroy']).as('uploads.destroy')

    router.get('/episodes/:id/processing', [ProcessingController, 'show']).as('processing.show')
    router.get('/dramas/:id/processing', [ProcessingController, 'index']).as('processing.index')
    router
      .post('/episodes/:id/processing/retry', [ProcessingController, 'retry'])
      .as('processing.retry')
    router
      .post('/dramas/:id/intro-outro/detect', [ProcessingController, 'detect'])
      .as('intro_outro.detect')
    router
      .post('/dramas/:id/intro-outro/apply', [ProcessingController, 'apply'])
      .as('intro_outro.apply')
    router.get('/dramas/:id/watermark', [ProcessingController, 'watermark']).as('watermark.show')
    router
      .put('/dramas/:id/watermark', [ProcessingController, 'updateWatermark'])
      .as('watermark.update')
  })
  .prefix('/admin/v1')
  .use([middleware.auth({ guards: ['admin'] }), middleware.can({ permission: 'media.manage' })])
  .as('admin.media')

// Live processing updates (SSE). Subscribing to a channel needs an admin token with media.manage.
transmit.registerRoutes((route) => route.use(guardTransmitRequest))
transmit.authorize<{ id: string }>('admin/dramas/:id/processing', authorizeProcessingChannel)
transmit.authorize<{ id: string }>('admin/episodes/:id/processing', authorizeProcessingChannel)
