/*
| Bouncer abilities shared by the modules. Module-specific policies live in
| app/modules/<module>/policies.
*/
import { Bouncer } from '@adonisjs/bouncer'
import AdminUser from '#modules/users/models/admin_user'
import type { Permission } from '#modules/users/services/permissions'

/** Staff with a role that grants `permission`. Viewers never pass. */
export const hasPermission = Bouncer.ability((user: unknown, permission: Permission) => {
  return user instanceof AdminUser && user.status === 'active' && user.can(permission)
})
