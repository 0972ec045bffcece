import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProgressReport } from '@/api/playback'
import { HEARTBEAT_INTERVAL_MS, ProgressReporter } from '@/utils/progressReporter'

/** A send that records every report and answers when the test says so. */
function recorder() {
  const sent: ProgressReport[] = []
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = []
  let manual = false
  const send = (report: ProgressReport) => {
    sent.push(report)
    if (!manual) return Promise.resolve()
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))
  }
  return {
    sent,
    send,
    holdAnswers: () => {
      manual = true
    },
    answerNext: async (outcome: 'ok' | 'fail' = 'ok') => {
      const next = pending.shift()
      if (!next) throw new Error('no report is waiting for an answer')
      if (outcome === 'ok') next.resolve()
      else next.reject(new Error('offline'))
      await vi.advanceTimersByTimeAsync(0)
    },
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('heartbeats', () => {
  it('reports every 10 s while playing, with the position in whole seconds', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.update(3.4)
    reporter.play()
    await vi.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS - 1)
    expect(api.sent).toEqual([])
    reporter.update(13.7)
    await vi.advanceTimersByTimeAsync(1)
    expect(api.sent).toEqual([{ positionSec: 13, durationSec: 90, event: 'heartbeat' }])
    reporter.update(23.9)
    await vi.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS)
    expect(api.sent.map((r) => r.positionSec)).toEqual([13, 23])
    expect(HEARTBEAT_INTERVAL_MS).toBe(10_000)
  })

  it('stops on pause and reports the paused position at once', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.play()
    reporter.update(4.2)
    reporter.pause()
    await vi.advanceTimersByTimeAsync(0)
    expect(api.sent).toEqual([{ positionSec: 4, durationSec: 90, event: 'heartbeat' }])
    expect(reporter.playing).toBe(false)
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_INTERVAL_MS)
    expect(api.sent).toHaveLength(1)
  })

  it('does not send a position it already saved (pause, then the page hidden)', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.update(30)
    reporter.pause()
    reporter.heartbeat()
    await vi.advanceTimersByTimeAsync(0)
    reporter.heartbeat()
    expect(api.sent).toHaveLength(1)
    reporter.update(31)
    reporter.heartbeat()
    expect(api.sent.map((r) => r.positionSec)).toEqual([30, 31])
  })

  it('keeps one timer however often play is called', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.play()
    reporter.play()
    reporter.update(10)
    await vi.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS)
    reporter.update(20)
    await vi.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS)
    expect(api.sent.map((r) => r.positionSec)).toEqual([10, 20])
  })

  it('waits for the duration when the API did not know it, and never reports past it', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 0)
    reporter.update(5)
    reporter.heartbeat()
    expect(api.sent).toEqual([])
    reporter.update(95.6, 95.4)
    reporter.heartbeat()
    expect(api.sent).toEqual([{ positionSec: 95, durationSec: 95, event: 'heartbeat' }])
  })
})

describe('one report at a time', () => {
  it('keeps only the newest report while one is on its way', async () => {
    const api = recorder()
    api.holdAnswers()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.update(10)
    reporter.heartbeat()
    reporter.update(11)
    reporter.heartbeat()
    reporter.update(12)
    reporter.heartbeat()
    expect(api.sent.map((r) => r.positionSec)).toEqual([10])
    await api.answerNext()
    expect(api.sent.map((r) => r.positionSec)).toEqual([10, 12])
    await api.answerNext()
    expect(api.sent).toHaveLength(2)
  })

  it('sends a failed position again with the next heartbeat', async () => {
    const api = recorder()
    api.holdAnswers()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.update(40)
    reporter.heartbeat()
    await api.answerNext('fail')
    reporter.heartbeat()
    expect(api.sent.map((r) => r.positionSec)).toEqual([40, 40])
    await api.answerNext()
    reporter.heartbeat()
    expect(api.sent).toHaveLength(2)
  })

  it('sends "ended" after the heartbeat in flight, and nothing after it', async () => {
    const api = recorder()
    api.holdAnswers()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.play()
    reporter.update(85)
    reporter.heartbeat()
    reporter.ended(89.96)
    reporter.update(89.97)
    reporter.heartbeat()
    expect(api.sent).toHaveLength(1)
    await api.answerNext()
    expect(api.sent).toEqual([
      { positionSec: 85, durationSec: 90, event: 'heartbeat' },
      { positionSec: 89, durationSec: 90, event: 'ended' },
    ])
    await api.answerNext()
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_INTERVAL_MS)
    expect(api.sent).toHaveLength(2)
  })
})

describe('the end of an episode', () => {
  it('reports "ended" once and stops the heartbeats', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.play()
    reporter.update(80.2)
    reporter.ended()
    reporter.ended(90)
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_INTERVAL_MS)
    reporter.play()
    reporter.pause()
    expect(api.sent).toEqual([{ positionSec: 80, durationSec: 90, event: 'ended' }])
  })

  it('saves the unsaved position when stopped (another episode, the page left), then stays silent', async () => {
    const api = recorder()
    const reporter = new ProgressReporter(api.send, 90)
    reporter.play()
    reporter.update(7.5)
    reporter.stop()
    reporter.update(9)
    reporter.heartbeat()
    reporter.ended()
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_INTERVAL_MS)
    expect(api.sent).toEqual([{ positionSec: 7, durationSec: 90, event: 'heartbeat' }])
    expect(reporter.playing).toBe(false)
  })
})
