import type { RouteRecordRaw } from 'vue-router'

export const statsRoutes: RouteRecordRaw[] = [
  {
    path: '/stats',
    name: 'stats',
    // The stats module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.stats', icon: 'DataAnalysis', perms: ['stats.view'] },
  },
]
