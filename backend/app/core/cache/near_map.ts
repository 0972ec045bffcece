/**
 * Values kept in this process for a short time: entries expire on their own, and at most
 * `maxEntries` are held (the oldest leaves first). Used for the near cache in front of the shared
 * one and for the auth cache.
 */
export class NearMap<T> {
  #entries = new Map<string, { value: T; expiresAt: number }>()

  constructor(private maxEntries: number) {}

  get(key: string): T | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: T, lifetimeMs: number) {
    // Oldest first out: a Map iterates in insertion order.
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.delete(key)
    this.#entries.set(key, { value, expiresAt: Date.now() + lifetimeMs })
  }

  delete(key: string) {
    this.#entries.delete(key)
  }

  deleteWhere(match: (value: T, key: string) => boolean) {
    for (const [key, entry] of this.#entries) if (match(entry.value, key)) this.#entries.delete(key)
  }
}
