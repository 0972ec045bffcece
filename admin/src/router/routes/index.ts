import type { RouteRecordRaw } from 'vue-router'
import AdminLayout from '@/layouts/AdminLayout.vue'
import LoginView from '@/views/login/LoginView.vue'
import { catalogRoutes } from './catalog'
import { dashboardRoutes } from './dashboard'
import { financeRoutes } from './finance'
import { marketingRoutes } from './marketing'
import { mediaRoutes } from './media'
import { moderationRoutes } from './moderation'
import { ordersRoutes } from './orders'
import { statsRoutes } from './stats'
import { systemRoutes } from './system'
import { usersRoutes } from './users'

/** Pages inside the layout, in menu order. */
export const moduleRoutes: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...catalogRoutes,
  ...mediaRoutes,
  ...moderationRoutes,
  ...usersRoutes,
  ...ordersRoutes,
  ...financeRoutes,
  ...marketingRoutes,
  ...statsRoutes,
  ...systemRoutes,
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: LoginView,
    meta: { title: 'route.login', public: true },
  },
  {
    path: '/',
    component: AdminLayout,
    redirect: '/dashboard',
    children: [
      ...moduleRoutes,
      {
        path: '/403',
        name: 'forbidden',
        component: () => import('@/views/error/ForbiddenView.vue'),
        meta: { title: 'route.forbidden', hideInMenu: true },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/NotFoundView.vue'),
    meta: { title: 'route.notFound', public: true },
  },
]
