import type { Logger } from '@adonisjs/core/logger'

export interface JobContext {
  id: string
  name: string
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number
  maxAttempts: number
  logger: Logger
  progress(percent: number): Promise<void>
  /** Aborted when the attempt times out: long handlers stop their child processes with it. */
  signal: AbortSignal
}

export interface JobDefinition<Payload = any> {
  /** Imperative snake_case, namespaced by module: `media.transcode_episode`. */
  name: string
  handle(payload: Payload, ctx: JobContext): Promise<unknown>
  /** Extra attempts after the first one. */
  retries?: number
  /** Base delay of the exponential backoff between attempts. */
  backoffMs?: number
  /** An attempt running longer than this fails (and is retried if attempts remain). */
  timeoutMs?: number
  /** How many of these jobs one worker process runs at once. */
  concurrency?: number
  /** Called once when the last attempt failed (after retries), before the failure is recorded. */
  onFailure?(payload: Payload, error: Error): Promise<void>
}

export interface DispatchOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number
}

export interface DispatchedJob {
  id: string
  name: string
}

export interface JobFailure {
  driver: 'inline' | 'bee'
  name: string
  jobId: string
  payload: unknown
  attempts: number
  error: string
  stack?: string
}

export type FailureRecorder = (failure: JobFailure) => Promise<void>

export interface QueueHealth {
  driver: 'inline' | 'bee'
  ok: boolean
  message?: string
  counts?: { waiting: number; active: number; delayed: number; failed: number }
  workers?: number
}

export interface QueueDriver {
  readonly driver: 'inline' | 'bee'
  dispatch<P>(name: string, payload: P, options?: DispatchOptions): Promise<DispatchedJob>
  health(): Promise<QueueHealth>
  close(): Promise<void>
}

export const JOB_DEFAULTS = {
  retries: 3,
  backoffMs: 2000,
  timeoutMs: 5 * 60 * 1000,
  concurrency: 1,
} as const

export function withDefaults(definition: JobDefinition) {
  return {
    retries: definition.retries ?? JOB_DEFAULTS.retries,
    backoffMs: definition.backoffMs ?? JOB_DEFAULTS.backoffMs,
    timeoutMs: definition.timeoutMs ?? JOB_DEFAULTS.timeoutMs,
    concurrency: definition.concurrency ?? JOB_DEFAULTS.concurrency,
  }
}

export class JobTimeoutError extends Error {
  constructor(name: string, timeoutMs: number) {
    super(`Job ${name} timed out after ${timeoutMs} ms`)
    this.name = 'JobTimeoutError'
  }
}
