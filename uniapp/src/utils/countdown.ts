import { ApiError } from '@/api/request'

/** The API allows one login code per number every 60 s. */
export const SMS_RESEND_SECONDS = 60

/** Whole seconds left until `deadline` (ms since epoch), never negative. */
export function secondsUntil(deadline: number, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000))
}

/**
 * How long the "get code" button stays disabled after a failed send: the server's Retry-After
 * after a 429 (the 60 s rule, or the per-IP and daily limits), nothing after any other failure so
 * the viewer can fix the number and try again at once. After a successful send it is
 * SMS_RESEND_SECONDS.
 */
export function resendDelayAfterError(error: unknown): number {
  if (error instanceof ApiError && error.status === 429 && error.code === 'RATE_LIMITED') {
    return error.retryAfter ?? SMS_RESEND_SECONDS
  }
  return 0
}

/**
 * A seconds countdown measured against a deadline rather than by counting ticks, so a timer
 * that the system slowed down or paused (page in the background) still ends on time.
 */
export class Countdown {
  #deadline = 0
  #timer: ReturnType<typeof setInterval> | null = null
  #remaining = 0

  constructor(private readonly onChange: (remaining: number) => void) {}

  get remaining(): number {
    return this.#remaining
  }

  start(seconds: number): void {
    this.stop()
    this.#deadline = Date.now() + seconds * 1000
    this.#tick()
    if (this.#remaining > 0) this.#timer = setInterval(() => this.#tick(), 250)
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
    this.#set(0)
  }

  #tick(): void {
    this.#set(secondsUntil(this.#deadline))
    if (this.#remaining === 0 && this.#timer !== null) {
      clearInterval(this.#timer)
      this.#timer = null
    }
  }

  #set(value: number): void {
    if (value === this.#remaining) return
    this.#remaining = value
    this.onChange(value)
  }
}
