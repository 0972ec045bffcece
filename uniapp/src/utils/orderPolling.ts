import type { Order } from '@/api/payments'
import { ApiError } from '@/api/request'

export type PollOutcome = 'paid' | 'closed' | 'refunded' | 'timeout' | 'stopped'

export interface PollResult {
  outcome: PollOutcome
  /** The last answer, or null when none arrived. */
  order: Order | null
  /** The last failure when the wait ran out without an answer. */
  error: unknown
}

export interface PollOptions {
  /** Pause between two checks. Default 1.5 s. */
  intervalMs?: number
  /** Give up after this long (the payment may still be confirmed later). Default 30 s. */
  timeoutMs?: number
  /** Every answer, pending ones included. */
  onUpdate?: (order: Order) => void
  /** Asked before every check: true ends the wait (the page went away). */
  stopped?: () => boolean
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export const POLL_INTERVAL_MS = 1500
export const POLL_TIMEOUT_MS = 30_000

/** Worth another try: no answer, a server failure, a rate limit. Anything else (404) ends the wait. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  return error.status === 0 || error.status === 429 || error.status >= 500
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Asks for the order until it leaves `pending`: a provider's callback (or the sandbox cashier)
 * settles it on the API, usually within seconds. Resolves with the final state, 'timeout' when it
 * is still pending (or unreachable) after `timeoutMs`, 'stopped' when `stopped()` says so;
 * rejects on a failure that another try would not fix (404: not this viewer's order).
 */
export async function pollOrder(load: () => Promise<Order>, options: PollOptions = {}): Promise<PollResult> {
  const interval = options.intervalMs ?? POLL_INTERVAL_MS
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? wait
  const deadline = now() + (options.timeoutMs ?? POLL_TIMEOUT_MS)
  let order: Order | null = null
  let error: unknown = null
  for (;;) {
    if (options.stopped?.()) return { outcome: 'stopped', order, error: null }
    try {
      order = await load()
      error = null
      options.onUpdate?.(order)
      if (order.state !== 'pending') return { outcome: order.state, order, error: null }
    } catch (caught) {
      if (!isTransient(caught)) throw caught
      error = caught
    }
    const remaining = deadline - now()
    if (remaining <= 0) return { outcome: 'timeout', order, error }
    await sleep(Math.min(interval, remaining))
  }
}
