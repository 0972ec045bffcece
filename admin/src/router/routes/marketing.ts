import type { RouteRecordRaw } from 'vue-router'

export const marketingRoutes: RouteRecordRaw[] = [
  {
    path: '/marketing',
    name: 'marketing',
    // The marketing module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.marketing', icon: 'Promotion', perms: ['marketing.manage'] },
  },
]
