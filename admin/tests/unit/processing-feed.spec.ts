import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcessingEvent } from '@/api/media'
import { isProcessingEvent, processingChannel, ProcessingFeed, type FeedMode, type LiveHandlers, type LiveSource } from '@/utils/processingFeed'

/** A live channel the test drives: it says when the subscription is confirmed or lost, and delivers messages. */
class TestChannel implements LiveSource {
  handlers: LiveHandlers | null = null
  channel: string | null = null
  unsubscribed = false

  subscribe(channel: string, handlers: LiveHandlers) {
    this.channel = channel
    this.handlers = handlers
    return () => {
      this.unsubscribed = true
    }
  }

  live(up: boolean) {
    this.handlers?.status(up)
  }

  send(message: unknown) {
    this.handlers?.message(message)
  }
}

const event = (episodeId: number, state: ProcessingEvent['state'], progress = 0, dramaId = 7): ProcessingEvent => ({
  episodeId,
  dramaId,
  state,
  progress,
  episodeState: state === 'ready' ? 'ready' : state === 'failed' ? 'failed' : 'processing',
  error: state === 'failed' ? 'ffmpeg exited with code 1' : null,
})

let source: TestChannel
let server: Map<number, ProcessingEvent>
let asked: number[]
let updates: ProcessingEvent[]
let modes: FeedMode[]
let feed: ProcessingFeed | undefined

function makeFeed(withSource = true): ProcessingFeed {
  const created = new ProcessingFeed({
    dramaId: 7,
    source: withSource ? source : null,
    pollIntervalMs: 4000,
    fetchStatus: async (id) => {
      asked.push(id)
      const status = server.get(id)
      if (!status) throw new Error(`no episode ${id}`)
      return status
    },
    onUpdate: (update) => updates.push(update),
    onMode: (mode) => modes.push(mode),
  })
  feed = created
  return created
}

beforeEach(() => {
  vi.useFakeTimers()
  source = new TestChannel()
  server = new Map([
    [1, event(1, 'processing', 10)],
    [2, event(2, 'queued')],
  ])
  asked = []
  updates = []
  modes = []
})

afterEach(() => {
  feed?.stop()
  feed = undefined
  vi.useRealTimers()
})

describe('processing messages', () => {
  it('accepts what the server sends and nothing else', () => {
    expect(isProcessingEvent(event(1, 'processing', 40))).toBe(true)
    expect(isProcessingEvent({ ...event(1, 'ready'), episodeState: null })).toBe(true)
    expect(isProcessingEvent({ ...event(1, 'ready'), state: 'done' })).toBe(false)
    expect(isProcessingEvent({ ...event(1, 'ready'), progress: '40' })).toBe(false)
    expect(isProcessingEvent({ ...event(1, 'ready'), episodeState: 'gone' })).toBe(false)
    expect(isProcessingEvent('{"episodeId":1}')).toBe(false)
    expect(processingChannel(7)).toBe('admin/dramas/7/processing')
  })
})

describe('the processing feed', () => {
  it('subscribes to the drama channel and passes on its messages, live without polling', async () => {
    const f = makeFeed()
    f.start()
    expect(source.channel).toBe('admin/dramas/7/processing')
    f.track([1, 2])
    source.live(true)
    expect(f.mode).toBe('live')
    await vi.advanceTimersByTimeAsync(0)
    // Catching up once on becoming live.
    expect(asked).toEqual([1, 2])

    source.send(event(1, 'processing', 55))
    source.send(event(9, 'processing', 5, 8))
    source.send({ episodeId: 1, state: 'processing' })
    expect(updates.slice(2)).toEqual([event(1, 'processing', 55)])

    asked.length = 0
    await vi.advanceTimersByTimeAsync(20_000)
    expect(asked).toEqual([])
  })

  it('polls the episodes still processing while the channel is not confirmed, and stops once it is', async () => {
    const f = makeFeed()
    f.start()
    f.track([1, 2])
    expect(f.mode).toBe('connecting')
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1, 2])
    server.set(2, event(2, 'ready'))
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1, 2, 1, 2])
    // Episode 2 is done: it is no longer asked about.
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1, 2, 1, 2, 1])
    expect(updates.map((update) => [update.episodeId, update.state])).toEqual([
      [1, 'processing'],
      [2, 'queued'],
      [1, 'processing'],
      [2, 'ready'],
      [1, 'processing'],
    ])

    source.live(true)
    await vi.advanceTimersByTimeAsync(0)
    asked.length = 0
    await vi.advanceTimersByTimeAsync(12_000)
    expect(asked).toEqual([])
  })

  it('falls back to polling when the channel drops, and catches up when it is back', async () => {
    const f = makeFeed()
    f.start()
    f.track([1])
    source.live(true)
    await vi.advanceTimersByTimeAsync(0)
    asked.length = 0

    source.live(false)
    expect(f.mode).toBe('polling')
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1])

    server.set(1, event(1, 'failed'))
    source.live(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(asked).toEqual([1, 1])
    expect(updates.at(-1)).toEqual(event(1, 'failed'))
    expect(modes).toEqual(['live', 'polling', 'live'])
  })

  it('polls from the start without a live channel, and keeps going when a call fails', async () => {
    const f = makeFeed(false)
    f.start()
    expect(f.mode).toBe('polling')
    f.track([1, 3, 2])
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1, 3, 2])
    expect(updates.map((update) => update.episodeId)).toEqual([1, 2])
    await vi.advanceTimersByTimeAsync(4000)
    expect(asked).toEqual([1, 3, 2, 1, 3, 2])
  })

  it('does nothing more once stopped', async () => {
    const f = makeFeed()
    f.start()
    f.track([1])
    f.stop()
    expect(source.unsubscribed).toBe(true)
    source.send(event(1, 'ready'))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(asked).toEqual([])
    expect(updates).toEqual([])
  })
})
