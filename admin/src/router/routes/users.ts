import type { RouteRecordRaw } from 'vue-router'

export const usersRoutes: RouteRecordRaw[] = [
  {
    path: '/users',
    name: 'users',
    component: () => import('@/views/users/UserListView.vue'),
    meta: { title: 'route.users', icon: 'User', perms: ['users.manage'] },
  },
  {
    path: '/users/:id',
    name: 'user-detail',
    component: () => import('@/views/users/UserDetailView.vue'),
    meta: { title: 'route.userDetail', perms: ['users.manage'], hideInMenu: true, activeMenu: '/users' },
  },
]
