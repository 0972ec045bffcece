import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/request'
import { Countdown, resendDelayAfterError, secondsUntil, SMS_RESEND_SECONDS } from '@/utils/countdown'

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(10_000, 0)).toBe(10)
    expect(secondsUntil(10_000, 100)).toBe(10)
    expect(secondsUntil(10_000, 9_001)).toBe(1)
    expect(secondsUntil(10_000, 10_000)).toBe(0)
    expect(secondsUntil(10_000, 99_000)).toBe(0)
  })
})

describe('resend delay after a failed send', () => {
  it('honours the Retry-After of a 429', () => {
    expect(resendDelayAfterError(new ApiError(429, 'RATE_LIMITED', 'wait', { retryAfter: 42 }, 42))).toBe(42)
    expect(resendDelayAfterError(new ApiError(429, 'RATE_LIMITED', 'daily limit', undefined, 3600))).toBe(3600)
  })

  it('waits the normal interval when a 429 names no wait', () => {
    expect(resendDelayAfterError(new ApiError(429, 'RATE_LIMITED', 'wait'))).toBe(SMS_RESEND_SECONDS)
    expect(SMS_RESEND_SECONDS).toBe(60)
  })

  it('does not block a new try after other failures', () => {
    expect(resendDelayAfterError(new ApiError(422, 'VALIDATION_FAILED', 'bad phone'))).toBe(0)
    expect(resendDelayAfterError(new ApiError(422, 'SMS_NOT_SENT', 'refused'))).toBe(0)
    expect(resendDelayAfterError(new ApiError(429, 'CODE_LOCKED', 'locked'))).toBe(0)
    expect(resendDelayAfterError(new ApiError(0, 'NETWORK_ERROR', 'offline'))).toBe(0)
    expect(resendDelayAfterError(new Error('boom'))).toBe(0)
  })
})

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-05-01T08:00:00Z'))
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts down once per second and stops at zero', () => {
    const seen: number[] = []
    const countdown = new Countdown((value) => seen.push(value))

    countdown.start(3)
    expect(countdown.remaining).toBe(3)
    vi.advanceTimersByTime(1000)
    expect(countdown.remaining).toBe(2)
    vi.advanceTimersByTime(2000)

    expect(countdown.remaining).toBe(0)
    expect(seen).toEqual([3, 2, 1, 0])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('runs the full 60 s after a send', () => {
    const countdown = new Countdown(() => undefined)
    countdown.start(SMS_RESEND_SECONDS)
    vi.advanceTimersByTime(59_000)
    expect(countdown.remaining).toBe(1)
    vi.advanceTimersByTime(1_000)
    expect(countdown.remaining).toBe(0)
  })

  it('ends on time when the timer was held back (page in the background)', () => {
    const countdown = new Countdown(() => undefined)
    countdown.start(60)
    // The clock moves on while no timer fires, as when a mini-program is hidden.
    vi.setSystemTime(Date.now() + 45_000)
    vi.advanceTimersByTime(250)
    expect(countdown.remaining).toBe(15)
  })

  it('restarts with a new length, e.g. the Retry-After of a later 429', () => {
    const countdown = new Countdown(() => undefined)
    countdown.start(60)
    vi.advanceTimersByTime(10_000)
    countdown.start(120)
    expect(countdown.remaining).toBe(120)
    expect(vi.getTimerCount()).toBe(1)
  })

  it('stops on demand and reports zero once', () => {
    const seen: number[] = []
    const countdown = new Countdown((value) => seen.push(value))
    countdown.start(5)
    countdown.stop()
    countdown.stop()
    expect(seen).toEqual([5, 0])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does nothing for a zero wait', () => {
    const seen: number[] = []
    const countdown = new Countdown((value) => seen.push(value))
    countdown.start(0)
    expect(seen).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
