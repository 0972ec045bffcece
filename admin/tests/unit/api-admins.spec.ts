import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAdmin, listAdmins, listRoles, updateAdmin } from '@/api/admins'
import { ApiError } from '@/api/http'
import { ROLE_PERMISSIONS, startTestApi, type TestApiServer } from './support/api-server'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  await api.close()
})

const newAdmin = { email: 'new.operator@duanju.dev', name: '新运营', roles: ['operator'], password: 'Str0ng-enough' }

describe('admins api', () => {
  it('lists admin accounts and the roles with their permissions', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const admins = await listAdmins()
    expect(admins.map((admin) => admin.email)).toEqual([
      'admin@duanju.dev',
      'operator@duanju.dev',
      'reviewer@duanju.dev',
      'finance@duanju.dev',
    ])
    expect(admins[0]).toMatchObject({ roles: ['admin'], status: 'active', lastLoginAt: expect.any(String) })
    const roles = await listRoles()
    expect(roles.map((role) => role.role)).toEqual(['admin', 'operator', 'reviewer', 'finance'])
    expect(roles.find((role) => role.role === 'reviewer')?.permissions).toEqual(ROLE_PERMISSIONS.reviewer)
  })

  it('creates an admin who can then sign in', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const created = await createAdmin(newAdmin)
    expect(created).toMatchObject({ email: newAdmin.email, name: '新运营', roles: ['operator'], status: 'active' })
    const request = api.requests.find((r) => r.method === 'POST' && r.path === '/admin/v1/admins')
    expect(request?.body).toEqual(newAdmin)

    const session = await signedInClient(api, newAdmin.email, newAdmin.password)
    expect(session.permissions).toEqual(ROLE_PERMISSIONS.operator)
  })

  it('reports a taken email as EMAIL_TAKEN (409) without a toast', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const error = await rejectionOf(createAdmin({ ...newAdmin, email: 'operator@duanju.dev' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('returns field errors for an invalid account', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const error = (await rejectionOf(createAdmin({ email: 'nope', name: ' ', roles: [], password: 'short' }))) as ApiError
    expect(error.status).toBe(422)
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['email', 'name', 'roles', 'password'])
  })

  it('updates only the fields sent', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    const updated = await updateAdmin(2, { name: '运营主管', roles: ['operator', 'finance'] })
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/admin/v1/admins/2', body: { name: '运营主管', roles: ['operator', 'finance'] } })
    expect(updated).toMatchObject({ id: 2, name: '运营主管', roles: ['operator', 'finance'], status: 'active' })
    expect(await updateAdmin(2, { status: 'disabled' })).toMatchObject({ status: 'disabled' })
  })

  it('refuses to let an admin lock themselves out', async () => {
    await signedInClient(api, 'admin@duanju.dev')
    for (const change of [{ status: 'disabled' as const }, { roles: ['operator'] }]) {
      const error = await rejectionOf(updateAdmin(1, change))
      expect(error).toMatchObject({ status: 409, code: 'CANNOT_LOCK_OUT_SELF' })
    }
    expect(api.accounts.get('admin@duanju.dev')).toMatchObject({ roles: ['admin'], status: 'active' })
  })

  it('is refused for an admin without admins.manage', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(listAdmins())).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
