function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Stable text for comparing values: object keys sorted, so key order never counts as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/**
 * The top-level keys whose values differ between an audit entry's `before` and `after` snapshots,
 * sorted. When either side is not an object there are no keys to compare and the list is empty.
 */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!isPlainObject(before) && !isPlainObject(after)) return []
  const left = isPlainObject(before) ? before : {}
  const right = isPlainObject(after) ? after : {}
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  return [...keys].filter((key) => canonical(left[key]) !== canonical(right[key])).sort()
}

/** Pretty-printed JSON for the before/after blocks; null and absent snapshots read as `—`. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return JSON.stringify(value, null, 2)
}
