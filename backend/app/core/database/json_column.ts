/** JSON stored in a text column, the same on SQLite and PostgreSQL. */
export function jsonColumn<T>(fallback: T) {
  return {
    prepare: (value: T | null) =>
      value === null || value === undefined ? null : JSON.stringify(value),
    consume: (value: unknown): T => {
      if (value === null || value === undefined) return fallback
      if (typeof value === 'string') {
        try {
          return JSON.parse(value) as T
        } catch {
          return fallback
        }
      }
      return value as T
    },
  }
}
