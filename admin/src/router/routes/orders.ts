import type { RouteRecordRaw } from 'vue-router'

const perms = ['orders.read']

export const ordersRoutes: RouteRecordRaw[] = [
  {
    path: '/orders',
    name: 'orders',
    component: () => import('@/views/orders/OrderListView.vue'),
    meta: { title: 'route.orders', icon: 'Tickets', perms },
  },
  {
    path: '/orders/:orderNo',
    name: 'order-detail',
    component: () => import('@/views/orders/OrderDetailView.vue'),
    meta: { title: 'route.orderDetail', perms, hideInMenu: true, activeMenu: '/orders' },
  },
]
