import type { RouteRecordRaw } from 'vue-router'

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
        component: () => import('@/views/system/AdminListView.vue'),
        meta: { title: 'route.admins', icon: 'UserFilled', perms: ['admins.manage'] },
      },
      {
        path: 'audit',
        name: 'system-audit',
        component: () => import('@/views/system/AuditLogView.vue'),
        meta: { title: 'route.audit', icon: 'Document', perms: ['audit.read'] },
      },
    ],
  },
]
