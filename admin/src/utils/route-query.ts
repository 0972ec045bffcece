import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/** The first string value of each of `keys` in a route query ('' when absent), for filter forms. */
export function readQueryFilters<K extends string>(query: LocationQuery, keys: readonly K[]): Record<K, string> {
  const filters = {} as Record<K, string>
  for (const key of keys) {
    const value = query[key]
    const first = Array.isArray(value) ? value[0] : value
    filters[key] = typeof first === 'string' ? first : ''
  }
  return filters
}

/** Filters as a route query without the blank ones, so the address stays short and shareable. */
export function toRouteQuery(filters: Record<string, string | undefined>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = value?.trim()
    if (trimmed) query[key] = trimmed
  }
  return query
}

/** `value` when it is one of `allowed`, else '' (a hand-edited address must not send junk filters). */
export function oneOf<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : ''
}

/** Whether two route queries hold the same values, whatever their key order. */
export function sameQuery(a: LocationQueryRaw, b: LocationQueryRaw): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => a[key] != null || b[key] != null))
  for (const key of keys) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) return false
  }
  return true
}
