import type { RouteRecordRaw } from 'vue-router'

// The admin-accounts and audit-log pages arrive in a later release.
const ComingSoonView = () => import('@/views/placeholder/ComingSoonView.vue')

export const systemRoutes: RouteRecordRaw[] = [
  {
    path: '/system',
    name: 'system',
    // The section itself needs no permission: it is listed when at least one child is.
    meta: { title: 'route.system', icon: 'Setting' },
    redirect: '/system/admins',
    children: [
      {
        path: 'admins',
        name: 'system-admins',
        component: ComingSoonView,
        meta: { title: 'route.admins', icon: 'UserFilled', perms: ['admins.manage'] },
      },
      {
        path: 'audit',
        name: 'system-audit',
        component: ComingSoonView,
        meta: { title: 'route.audit', icon: 'Document', perms: ['audit.read'] },
      },
    ],
  },
]
