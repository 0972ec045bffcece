import type { RouteRecordRaw } from 'vue-router'

export interface MenuItem {
  path: string
  /** i18n key */
  title: string
  icon: string | undefined
  children?: MenuItem[]
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path
  return `${parent.replace(/\/+$/, '')}/${path}`
}

/**
 * The side menu for one admin: every titled route they may open, in route order. A section with
 * children is listed only while at least one child is.
 */
export function buildMenu(
  records: readonly RouteRecordRaw[],
  can: (required: readonly string[]) => boolean,
  parentPath = '',
): MenuItem[] {
  const items: MenuItem[] = []
  for (const record of records) {
    const meta = record.meta
    if (!meta?.title || meta.hideInMenu || meta.public) continue
    if (!can(meta.perms ?? [])) continue
    const path = joinPath(parentPath, record.path)
    if (record.children && record.children.length > 0) {
      const children = buildMenu(record.children, can, path)
      if (children.length > 0) items.push({ path, title: meta.title, icon: meta.icon, children })
      continue
    }
    items.push({ path, title: meta.title, icon: meta.icon })
  }
  return items
}
