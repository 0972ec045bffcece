import type { ProcessingEvent, ProcessingState } from '@/api/media'
import type { EpisodeState } from '@/api/episodes'

/**
 * Live transcoding progress of one drama's episodes. Updates come over the server's SSE channel
 * `admin/dramas/<id>/processing`; while that channel is not confirmed (connecting, refused,
 * dropped) the feed asks GET /episodes/:id/processing every few seconds for the episodes still
 * being processed, and once the channel is back it catches up with one round of those calls.
 * Framework-free: the live source and the status call are handed in.
 */

/** A live channel: messages as they arrive, and whether the subscription is confirmed. */
export interface LiveHandlers {
  message(data: unknown): void
  status(live: boolean): void
}

export interface LiveSource {
  /** Answers a function that ends the subscription. */
  subscribe(channel: string, handlers: LiveHandlers): () => void
}

export type FeedMode = 'connecting' | 'live' | 'polling'

export interface ProcessingFeedOptions {
  dramaId: number
  /** null: no live channel in this browser, polling only. */
  source: LiveSource | null
  fetchStatus(episodeId: number): Promise<ProcessingEvent>
  onUpdate(event: ProcessingEvent): void
  onMode?(mode: FeedMode): void
  /** Default 4 s. */
  pollIntervalMs?: number
}

const DEFAULT_POLL_INTERVAL_MS = 4000

const STATES: readonly ProcessingState[] = ['none', 'queued', 'processing', 'ready', 'failed']
const EPISODE_STATES: readonly EpisodeState[] = ['draft', 'processing', 'reviewing', 'ready', 'published', 'failed', 'rejected']

/** States in which an episode's processing still moves (queued or transcoding). */
export function isActive(state: ProcessingState): boolean {
  return state === 'queued' || state === 'processing'
}

export function isProcessingEvent(value: unknown): value is ProcessingEvent {
  if (typeof value !== 'object' || value === null) return false
  const event = value as Record<string, unknown>
  return (
    typeof event.episodeId === 'number' &&
    typeof event.dramaId === 'number' &&
    STATES.includes(event.state as ProcessingState) &&
    typeof event.progress === 'number' &&
    (event.episodeState === null || EPISODE_STATES.includes(event.episodeState as EpisodeState)) &&
    (event.error === null || typeof event.error === 'string')
  )
}

export function processingChannel(dramaId: number): string {
  return `admin/dramas/${dramaId}/processing`
}

export class ProcessingFeed {
  readonly #options: ProcessingFeedOptions
  readonly #active = new Set<number>()
  #mode: FeedMode = 'connecting'
  #timer: ReturnType<typeof setTimeout> | null = null
  #unsubscribe: (() => void) | null = null
  #running = false

  constructor(options: ProcessingFeedOptions) {
    this.#options = options
  }

  get mode(): FeedMode {
    return this.#mode
  }

  /** The episodes polled while the channel is down. */
  get active(): number[] {
    return [...this.#active]
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    const { source } = this.#options
    if (!source) {
      this.#setMode('polling')
    } else {
      this.#unsubscribe = source.subscribe(processingChannel(this.#options.dramaId), {
        message: (data) => this.#receive(data),
        status: (live) => this.#setMode(live ? 'live' : 'polling'),
      })
    }
    this.#schedule()
  }

  stop(): void {
    this.#running = false
    this.#unsubscribe?.()
    this.#unsubscribe = null
    this.#clearTimer()
  }

  /** Follows these episodes (just uploaded, or found processing) until they are ready or failed. */
  track(episodeIds: readonly number[]): void {
    for (const id of episodeIds) this.#active.add(id)
    this.#schedule()
  }

  /** Asks the server now for these episodes (default: every followed one). */
  async refresh(episodeIds: readonly number[] = this.active): Promise<void> {
    for (const id of episodeIds) {
      if (!this.#running) return
      try {
        this.#apply(await this.#options.fetchStatus(id))
      } catch {
        // The next round asks again; a lasting problem shows as a stale row, not as a flood of toasts.
      }
    }
  }

  #receive(data: unknown): void {
    if (!isProcessingEvent(data) || data.dramaId !== this.#options.dramaId) return
    this.#apply(data)
  }

  #apply(event: ProcessingEvent): void {
    if (!this.#running) return
    if (isActive(event.state)) this.#active.add(event.episodeId)
    else this.#active.delete(event.episodeId)
    this.#options.onUpdate(event)
  }

  #setMode(mode: FeedMode): void {
    if (!this.#running || mode === this.#mode) return
    const wasLive = this.#mode === 'live'
    this.#mode = mode
    this.#options.onMode?.(mode)
    if (mode === 'live') {
      this.#clearTimer()
      // Whatever changed while the channel was down.
      void this.refresh()
    } else if (wasLive) {
      this.#schedule()
    }
  }

  #schedule(): void {
    if (!this.#running || this.#mode === 'live' || this.#timer !== null || this.#active.size === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.refresh().then(() => this.#schedule())
    }, this.#options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS)
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
