import { Buffer } from 'node:buffer'
import type { Account } from './api-server'
import type { CatalogData } from './catalog-routes'
import { answerMedia, type MediaData } from './media-routes'

/**
 * A fetch that answers the media endpoints in memory (media-routes.ts) and lets a test steer the
 * network: hold chunk requests mid-flight, drop connections, and watch how many requests are in
 * the air at once. Aborting a request rejects it with the signal's reason, as a browser's fetch does.
 */

export interface SeenRequest {
  method: string
  path: string
  headers: Record<string, string>
  bytes: number
}

export interface FakeNetwork {
  fetch: typeof fetch
  requests: SeenRequest[]
  /** Paths of the requests aborted while in flight. */
  aborted: string[]
  /** Most requests in flight at once, and most chunk PUTs of one upload in flight at once. */
  peak: { all: number; perUpload: number; uploads: number }
  /** The next `n` requests fail as a dropped connection would (fetch rejects with a TypeError). */
  dropNext(n: number): void
  /** Chunk PUTs wait (in flight) until `release()`. */
  hold(): void
  release(): void
  /** Resolves once `count` chunk PUTs are waiting. */
  held(count: number): Promise<void>
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  new Headers(init?.headers).forEach((value, name) => (headers[name] = value))
  return headers
}

function bytesOf(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0)
  if (typeof body === 'string') return Buffer.from(body)
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  throw new Error(`the fake network cannot send ${Object.prototype.toString.call(body)}`)
}

export function fakeNetwork(media: MediaData, catalog: CatalogData, account: Account): FakeNetwork {
  const requests: SeenRequest[] = []
  const aborted: string[] = []
  const peak = { all: 0, perUpload: 0, uploads: 0 }
  const inFlight = new Map<string, number>()
  let all = 0
  let drops = 0
  let holding = false
  let waiting: (() => void)[] = []
  let heldWatchers: { count: number; resolve: () => void }[] = []

  const notifyHeld = () => {
    heldWatchers = heldWatchers.filter((watcher) => {
      if (waiting.length < watcher.count) return true
      watcher.resolve()
      return false
    })
  }

  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const method = init?.method ?? 'GET'
    const signal = init?.signal ?? undefined
    const raw = bytesOf(init?.body)
    const headers = headersOf(init)
    requests.push({ method, path: url.pathname, headers, bytes: raw.length })
    if (signal?.aborted) throw signal.reason
    if (drops > 0) {
      drops--
      throw new TypeError('Failed to fetch')
    }
    const chunk = /^\/admin\/v1\/uploads\/([^/]+)\/chunks\//.exec(url.pathname)
    const uploadId = chunk?.[1]
    all++
    if (uploadId) inFlight.set(uploadId, (inFlight.get(uploadId) ?? 0) + 1)
    peak.all = Math.max(peak.all, all)
    peak.perUpload = Math.max(peak.perUpload, ...inFlight.values(), 0)
    peak.uploads = Math.max(peak.uploads, [...inFlight.values()].filter((count) => count > 0).length)
    try {
      // A network round trip: other requests get their turn, and a chunk may be held mid-flight.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting = waiting.filter((release) => release !== go)
          aborted.push(url.pathname)
          reject(signal?.reason)
        }
        const go = () => {
          signal?.removeEventListener('abort', onAbort)
          setTimeout(resolve, 1)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        if (uploadId && holding) {
          waiting.push(go)
          notifyHeld()
        } else {
          go()
        }
      })
      if (signal?.aborted) throw signal.reason
      let body: unknown
      if (raw.length > 0 && (headers['content-type'] ?? '').includes('json')) body = JSON.parse(raw.toString('utf8')) as unknown
      const answer = answerMedia({ method, url, headers, raw, body, actor: { account, permissions: ['media.manage'] } }, media, catalog) ?? {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: `Cannot ${method} ${url.pathname}` } },
      }
      if (answer.body === undefined) return new Response(null, { status: answer.status })
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' } })
    } finally {
      all--
      if (uploadId) inFlight.set(uploadId, (inFlight.get(uploadId) ?? 1) - 1)
    }
  }

  return {
    fetch: fetchImpl as typeof fetch,
    requests,
    aborted,
    peak,
    dropNext: (n) => (drops = n),
    hold: () => (holding = true),
    release: () => {
      holding = false
      const released = waiting
      waiting = []
      for (const go of released) go()
    },
    held: (count) =>
      new Promise<void>((resolve) => {
        heldWatchers.push({ count, resolve })
        notifyHeld()
      }),
  }
}
