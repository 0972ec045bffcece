import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { buildMenu, type MenuItem } from '@/router/menu'
import { moduleRoutes } from '@/router/routes'
import { ROLE_PERMISSIONS, type Role } from './support/api-server'

function menuFor(permissions: readonly string[]): MenuItem[] {
  const granted = new Set(permissions)
  return buildMenu(moduleRoutes, (required) => required.every((permission) => granted.has(permission)))
}

function outline(items: MenuItem[]): string[] {
  return items.flatMap((item) => [item.path, ...outline(item.children ?? [])])
}

describe('menu permission filter', () => {
  it('gives the admin role every section, system with both children', () => {
    const menu = menuFor(ROLE_PERMISSIONS.admin)
    expect(menu.map((item) => item.title)).toEqual([
      'route.dashboard',
      'route.catalog',
      'route.media',
      'route.moderation',
      'route.users',
      'route.orders',
      'route.finance',
      'route.marketing',
      'route.stats',
      'route.system',
    ])
    expect(menu.at(-1)?.children?.map((child) => child.path)).toEqual(['/system/admins', '/system/audit'])
    expect(menu.find((item) => item.path === '/finance')?.children?.map((child) => [child.path, child.title])).toEqual([
      ['/finance/wallets', 'route.wallets'],
      ['/finance/packages', 'route.packages'],
    ])
    expect(menu[1]?.children?.map((child) => [child.path, child.title])).toEqual([
      ['/catalog/dramas', 'route.dramas'],
      ['/catalog/categories', 'route.categories'],
    ])
  })

  it.each<[Role, string[]]>([
    ['reviewer', ['/dashboard', '/moderation']],
    ['finance', ['/dashboard', '/orders', '/finance', '/finance/wallets', '/finance/packages', '/stats']],
    [
      'operator',
      ['/dashboard', '/catalog', '/catalog/dramas', '/catalog/categories', '/media', '/users', '/orders', '/marketing', '/stats'],
    ],
  ])('gives %s only the sections its permissions allow', (role, expected) => {
    expect(outline(menuFor(ROLE_PERMISSIONS[role]))).toEqual(expected)
  })

  it('lists a section while at least one of its children is allowed', () => {
    expect(outline(menuFor(['dashboard.view', 'audit.read']))).toEqual(['/dashboard', '/system', '/system/audit'])
  })

  it('keeps detail and new pages out of the menu', () => {
    const paths = outline(menuFor(ROLE_PERMISSIONS.operator))
    expect(paths).not.toContain('/users/:id')
    expect(paths).not.toContain('/orders/:orderNo')
    expect(outline(menuFor(ROLE_PERMISSIONS.finance))).not.toContain('/finance/wallets/:userId(\\d+)')
    expect(paths.filter((path) => path.startsWith('/catalog/dramas/'))).toEqual([])
  })

  it('shows nothing without permissions', () => {
    expect(menuFor([])).toEqual([])
  })

  it('skips hidden and public routes and resolves nested paths', () => {
    const records: RouteRecordRaw[] = [
      { path: '/visible', component: {}, meta: { title: 'a', icon: 'Film', perms: ['x'] } },
      { path: '/hidden', component: {}, meta: { title: 'b', hideInMenu: true } },
      { path: '/login', component: {}, meta: { title: 'c', public: true } },
      { path: '/untitled', component: {} },
      {
        path: '/group',
        meta: { title: 'group', perms: ['g'] },
        children: [{ path: 'child', component: {}, meta: { title: 'child' } }],
      },
    ]
    expect(buildMenu(records, () => true)).toEqual([
      { path: '/visible', title: 'a', icon: 'Film' },
      { path: '/group', title: 'group', icon: undefined, children: [{ path: '/group/child', title: 'child', icon: undefined }] },
    ])
    // A section's own permission gates its children too.
    expect(buildMenu(records, (required) => !required.includes('g')).map((item) => item.path)).toEqual(['/visible'])
  })
})
