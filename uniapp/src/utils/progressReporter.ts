import type { ProgressReport } from '@/api/playback'

/** How often the position is saved while the episode plays. */
export const HEARTBEAT_INTERVAL_MS = 10_000

export type SendProgress = (report: ProgressReport) => Promise<unknown>

/**
 * Saves one episode's position (POST /progress): a heartbeat every 10 s while it plays and at
 * once on pause, when the page is hidden or left, and "ended" once at the end. Reports go one at
 * a time; while one is on its way only the newest waiting one is kept. A position already saved
 * is not sent again, and a failed report is simply retried by the next one: the position is
 * nice to have, never worth interrupting the episode for.
 */
export class ProgressReporter {
  readonly #send: SendProgress
  readonly #intervalMs: number
  #positionSec = 0
  #durationSec: number
  #timer: ReturnType<typeof setInterval> | null = null
  #lastSent: number | null = null
  #ended = false
  #stopped = false
  #inFlight = false
  #waiting: ProgressReport | null = null

  constructor(send: SendProgress, durationSec: number, options: { intervalMs?: number } = {}) {
    this.#send = send
    this.#durationSec = durationSec > 0 ? durationSec : 0
    this.#intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS
  }

  get positionSec(): number {
    return this.#positionSec
  }

  get playing(): boolean {
    return this.#timer !== null
  }

  /** The player's position (and its duration, when the API's was unknown). */
  update(positionSec: number, durationSec?: number): void {
    if (Number.isFinite(positionSec) && positionSec >= 0) this.#positionSec = positionSec
    if (this.#durationSec === 0 && durationSec !== undefined && Number.isFinite(durationSec) && durationSec > 0) this.#durationSec = durationSec
  }

  /** Playback started or resumed: heartbeats from now on. */
  play(): void {
    if (this.#stopped || this.#ended || this.#timer !== null) return
    this.#timer = setInterval(() => this.heartbeat(), this.#intervalMs)
  }

  /** Playback paused: no more heartbeats, and the position is saved now. */
  pause(): void {
    this.#clearTimer()
    this.heartbeat()
  }

  /** Saves the position now unless it is saved already (page hidden or left, a seek). */
  heartbeat(): void {
    if (this.#stopped || this.#ended || this.#durationSec === 0) return
    const positionSec = Math.floor(Math.min(this.#positionSec, this.#durationSec))
    if (positionSec === this.#lastSent) return
    this.#enqueue({ positionSec, durationSec: Math.round(this.#durationSec), event: 'heartbeat' })
  }

  /** The episode is over (played to its end or to the skipped outro): one "ended" report. */
  ended(positionSec?: number): void {
    if (this.#stopped || this.#ended) return
    if (positionSec !== undefined) this.update(positionSec)
    this.#ended = true
    this.#clearTimer()
    if (this.#durationSec === 0) return
    this.#enqueue({ positionSec: Math.floor(Math.min(this.#positionSec, this.#durationSec)), durationSec: Math.round(this.#durationSec), event: 'ended' })
  }

  /** Saves what is unsaved and stops for good (another episode, the page closing). */
  stop(): void {
    if (this.#stopped) return
    this.#clearTimer()
    this.heartbeat()
    this.#stopped = true
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }

  #enqueue(report: ProgressReport): void {
    if (this.#inFlight) {
      // An "ended" waiting is never replaced: nothing is reported after it anyway.
      if (this.#waiting?.event !== 'ended') this.#waiting = report
      return
    }
    this.#dispatch(report)
  }

  #dispatch(report: ProgressReport): void {
    this.#inFlight = true
    this.#lastSent = report.positionSec
    this.#send(report)
      .catch(() => {
        // Not saved: let the next heartbeat send this position again.
        if (this.#lastSent === report.positionSec) this.#lastSent = null
      })
      .finally(() => {
        this.#inFlight = false
        const next = this.#waiting
        this.#waiting = null
        if (next && (next.event === 'ended' || next.positionSec !== this.#lastSent)) this.#dispatch(next)
      })
  }
}
