/**
 * A fresh Idempotency-Key: 128 random bits as hex. crypto.getRandomValues works on plain-HTTP
 * origins too, where crypto.randomUUID is missing.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * One key per submission for a dialog that moves money. The same input keeps its key, so a double
 * click or a retry after a lost answer is applied once by the server; a changed input is a new
 * submission with a new key. `reset()` when the dialog opens again.
 */
export function createSubmissionKeys(generate: () => string = newIdempotencyKey) {
  let fingerprint: string | null = null
  let key = ''

  return {
    keyFor(input: unknown): string {
      const next = JSON.stringify(input)
      if (next !== fingerprint) {
        fingerprint = next
        key = generate()
      }
      return key
    },
    reset(): void {
      fingerprint = null
      key = ''
    },
  }
}
