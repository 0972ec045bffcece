import type AdminUser from '#modules/users/models/admin_user'

export class AdminTransformer {
  static transform(admin: AdminUser) {
    return {
      id: admin.id,
      name: admin.name,
      email: admin.email,
      roles: admin.roles,
      status: admin.status,
      lastLoginAt: admin.lastLoginAt?.toISO() ?? null,
    }
  }

  /** What the admin UI needs to build its menu. */
  static session(admin: AdminUser) {
    return { admin: AdminTransformer.transform(admin), permissions: admin.permissions }
  }
}
