import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiBudget } from '#start/limiter'

const CatalogController = () => import('#modules/catalog/controllers/catalog_controller')
const DramasController = () => import('#modules/catalog/controllers/admin/dramas_controller')
const EpisodesController = () => import('#modules/catalog/controllers/admin/episodes_controller')
const CategoriesController = () =>
  import('#modules/catalog/controllers/admin/categories_controller')

router
  .group(() => {
    router.get('/categories', [CatalogController, 'categoriesIndex']).as('categories')
    router.get('/dramas', [CatalogController, 'index']).as('dramas.index')
    router.get('/dramas/:id', [CatalogController, 'show']).as('dramas.show')
    router.get('/dramas/:id/images/:file', [CatalogController, 'image']).as('dramas.image')
    router.get('/rankings/:board', [CatalogController, 'ranking']).as('rankings')
    router.get('/search', [CatalogController, 'search']).as('search')
  })
  .prefix('/api/v1')
  .use(apiBudget)
  .as('catalog')

router
  .group(() => {
    router.get('/dramas', [DramasController, 'index']).as('dramas.index')
    router.post('/dramas', [DramasController, 'store']).as('dramas.store')
    router.get('/dramas/:id', [DramasController, 'show']).as('dramas.show')
    router.patch('/dramas/:id', [DramasController, 'update']).as('dramas.update')
    router.delete('/dramas/:id', [DramasController, 'destroy']).as('dramas.destroy')
    router.post('/dramas/:id/image', [DramasController, 'image']).as('dramas.image')
    router.post('/dramas/:id/publish', [DramasController, 'publish']).as('dramas.publish')
    router.post('/dramas/:id/unpublish', [DramasController, 'unpublish']).as('dramas.unpublish')

    router.get('/dramas/:id/episodes', [EpisodesController, 'index']).as('episodes.index')
    router.post('/dramas/:id/episodes', [EpisodesController, 'store']).as('episodes.store')
    router
      .post('/dramas/:id/episodes/pricing', [EpisodesController, 'batchPricing'])
      .as('episodes.pricing')
    router
      .post('/dramas/:id/episodes/schedule', [EpisodesController, 'schedule'])
      .as('episodes.schedule')
    router
      .post('/dramas/:id/episodes/publish', [EpisodesController, 'publishReady'])
      .as('episodes.publish')
    router
      .post('/dramas/:id/episodes/reorder', [EpisodesController, 'reorder'])
      .as('episodes.reorder')
    router.patch('/episodes/:id', [EpisodesController, 'update']).as('episodes.update')
    router.delete('/episodes/:id', [EpisodesController, 'destroy']).as('episodes.destroy')

    router.get('/categories', [CategoriesController, 'index']).as('categories.index')
    router.post('/categories', [CategoriesController, 'store']).as('categories.store')
    router.post('/categories/reorder', [CategoriesController, 'reorder']).as('categories.reorder')
    router.patch('/categories/:id', [CategoriesController, 'update']).as('categories.update')
    router.delete('/categories/:id', [CategoriesController, 'destroy']).as('categories.destroy')
  })
  .prefix('/admin/v1')
  .use([middleware.auth({ guards: ['admin'] }), middleware.can({ permission: 'catalog.manage' })])
  .as('admin.catalog')
