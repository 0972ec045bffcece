/** A unique constraint refused the write, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string }
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint/i.test(e.message ?? '')
  )
}

/**
 * Runs `attempt`, and once more if a unique constraint refused it: two first writes of the same
 * natural key raced, and the second attempt finds the row the winner created.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return attempt()
  }
}
