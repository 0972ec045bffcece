import { http } from './http'

export const ADMIN_ROLES = ['admin', 'operator', 'reviewer', 'finance'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

export type AdminStatus = 'active' | 'disabled'

export interface AdminAccount {
  id: number | string
  name: string
  email: string
  roles: string[]
  status: AdminStatus
  lastLoginAt: string | null
}

export interface RoleInfo {
  role: string
  permissions: string[]
}

export interface CreateAdminInput {
  email: string
  name: string
  roles: string[]
  password: string
}

/** Only the fields present are changed; a password here replaces the old one. */
export interface UpdateAdminInput {
  name?: string
  roles?: string[]
  status?: AdminStatus
  password?: string
}

export const ADMIN_PASSWORD_MIN = 10
export const ADMIN_PASSWORD_MAX = 128

export async function listAdmins(): Promise<AdminAccount[]> {
  const result = await http.get<{ data: AdminAccount[] }>('/admin/v1/admins')
  return result.data
}

export async function listRoles(): Promise<RoleInfo[]> {
  const result = await http.get<{ data: RoleInfo[] }>('/admin/v1/roles')
  return result.data
}

/** The form shows EMAIL_TAKEN and field errors next to the fields, so no toast. */
export async function createAdmin(input: CreateAdminInput): Promise<AdminAccount> {
  const result = await http.post<{ admin: AdminAccount }>('/admin/v1/admins', input, { silent: true })
  return result.admin
}

/** The form shows CANNOT_LOCK_OUT_SELF and field errors itself, so no toast. */
export async function updateAdmin(id: number | string, input: UpdateAdminInput): Promise<AdminAccount> {
  const result = await http.patch<{ admin: AdminAccount }>(
    `/admin/v1/admins/${encodeURIComponent(String(id))}`,
    input,
    { silent: true },
  )
  return result.admin
}
