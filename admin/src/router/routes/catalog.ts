import type { RouteRecordRaw } from 'vue-router'

export const catalogRoutes: RouteRecordRaw[] = [
  {
    path: '/catalog',
    name: 'catalog',
    // The catalog module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.catalog', icon: 'Film', perms: ['catalog.manage'] },
  },
]
