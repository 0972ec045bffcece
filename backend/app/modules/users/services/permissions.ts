/**
 * What each admin role may do. The admin UI filters its menu with the permissions returned at
 * login; every /admin/v1 route checks them again on the server.
 */
export const PERMISSIONS = [
  'dashboard.view',
  'catalog.manage',
  'media.manage',
  'marketing.manage',
  'users.manage',
  'orders.read',
  'finance.manage',
  'moderation.review',
  'stats.view',
  'admins.manage',
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ADMIN_ROLES = ['admin', 'operator', 'reviewer', 'finance'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

const ROLE_PERMISSIONS: Record<AdminRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: [
    'dashboard.view',
    'catalog.manage',
    'media.manage',
    'marketing.manage',
    'users.manage',
    'orders.read',
    'stats.view',
  ],
  reviewer: ['dashboard.view', 'moderation.review'],
  finance: ['dashboard.view', 'orders.read', 'finance.manage', 'stats.view'],
}

export function permissionsFor(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>()
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role as AdminRole] ?? []) granted.add(permission)
  }
  return PERMISSIONS.filter((permission) => granted.has(permission))
}
