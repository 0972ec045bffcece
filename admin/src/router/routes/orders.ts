import type { RouteRecordRaw } from 'vue-router'

export const ordersRoutes: RouteRecordRaw[] = [
  {
    path: '/orders',
    name: 'orders',
    // The orders module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.orders', icon: 'Tickets', perms: ['orders.read'] },
  },
]
