import type { RouteRecordRaw } from 'vue-router'

const perms = ['catalog.manage']

export const catalogRoutes: RouteRecordRaw[] = [
  {
    path: '/catalog',
    name: 'catalog',
    // Listed while at least one child is; every child needs catalog.manage.
    meta: { title: 'route.catalog', icon: 'Film' },
    redirect: '/catalog/dramas',
    children: [
      {
        path: 'dramas',
        name: 'catalog-dramas',
        component: () => import('@/views/catalog/DramaListView.vue'),
        meta: { title: 'route.dramas', icon: 'VideoPlay', perms },
      },
      {
        path: 'dramas/new',
        name: 'catalog-drama-new',
        component: () => import('@/views/catalog/DramaEditView.vue'),
        meta: { title: 'route.dramaNew', perms, hideInMenu: true, activeMenu: '/catalog/dramas' },
      },
      {
        path: 'dramas/:id(\\d+)',
        name: 'catalog-drama',
        component: () => import('@/views/catalog/DramaEditView.vue'),
        meta: { title: 'route.dramaEdit', perms, hideInMenu: true, activeMenu: '/catalog/dramas' },
      },
      {
        path: 'categories',
        name: 'catalog-categories',
        component: () => import('@/views/catalog/CategoryListView.vue'),
        meta: { title: 'route.categories', icon: 'CollectionTag', perms },
      },
    ],
  },
]
