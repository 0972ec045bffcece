import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { uploadTransport } from '@/api/uploads'
import {
  assignEpisodeNumbers,
  chunkRange,
  isTransient,
  naturalCompare,
  receivedBytes,
  toFailure,
  UploadQueue,
  type UploadItem,
  type UploadQueueOptions,
} from '@/utils/chunkedUpload'
import { type Account } from './support/api-server'
import { seedCatalogData, type CatalogData } from './support/catalog-routes'
import { fakeNetwork, type FakeNetwork } from './support/media-fetch'
import { assembled, seedMediaData, type MediaData } from './support/media-routes'
import { useNodeFormData } from './support/node-form-data'

const OPERATOR: Account = { id: 2, name: 'Demo operator', email: 'operator@duanju.dev', password: '', roles: ['operator'], status: 'active', lastLoginAt: null }
const DRAMA = 1

let catalog: CatalogData
let media: MediaData
let net: FakeNetwork
let queue: UploadQueue | undefined
let sleeps: number[]
let completed: { number: number | null; targetNumber: number | null }[]

beforeEach(async () => {
  await useNodeFormData()
  vi.stubEnv('VITE_API_BASE', 'http://media.test')
  catalog = seedCatalogData()
  media = seedMediaData()
  net = fakeNetwork(media, catalog, OPERATOR)
  vi.stubGlobal('fetch', net.fetch)
  sleeps = []
  completed = []
})

afterEach(() => {
  queue?.dispose()
  queue = undefined
  vi.unstubAllGlobals()
})

/** A file the fake server sniffs as a video ("ftyp" at offset 4), `size` bytes of a pattern after it. */
function video(name: string, size = 30): File {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + name.length) % 251
  bytes.set([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70].slice(0, size))
  return new File([bytes], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 })
}

function makeQueue(options: Partial<UploadQueueOptions> = {}): UploadQueue {
  queue = new UploadQueue({
    transport: uploadTransport,
    dramaId: DRAMA,
    startNumber: 4,
    retryDelaysMs: [100, 200, 400],
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    onCompleted: (result, item) => completed.push({ number: item.episodeNumber, targetNumber: result.target.type === 'episode' ? result.target.number : null }),
    ...options,
  })
  return queue
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 3000
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

const states = (q: UploadQueue) => q.items.map((item) => item.state)
const item = (q: UploadQueue, name: string): UploadItem => {
  const found = q.items.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no item ${name}`)
  return found
}
const chunkPuts = () => net.requests.filter((request) => request.method === 'PUT')
const uploadOf = (name: string) => {
  const found = media.uploads.find((upload) => upload.filename === name)
  if (!found) throw new Error(`no upload of ${name} on the server`)
  return found
}
async function bytesOf(file: File): Promise<Buffer> {
  return Buffer.from(await file.arrayBuffer())
}

describe('pure helpers', () => {
  it('sorts file names the way episodes are numbered', () => {
    const names = ['第10集.mp4', '第2集.mp4', '第1集.mp4', 'EP3.mp4', 'ep12.mp4', 'EP1.mp4', '第21集.mp4']
    // Numbers compare by value; case does not matter; Chinese names come first (zh-CN collation).
    expect([...names].sort(naturalCompare)).toEqual(['第1集.mp4', '第2集.mp4', '第10集.mp4', '第21集.mp4', 'EP1.mp4', 'EP3.mp4', 'ep12.mp4'])
  })

  it('cuts a file into chunks of the server size, the last one shorter', () => {
    expect([0, 1, 2, 3].map((index) => chunkRange(index, 8, 30))).toEqual([
      [0, 8],
      [8, 16],
      [16, 24],
      [24, 30],
    ])
    expect(receivedBytes(new Set([0, 3]), 8, 30)).toBe(14)
    expect(receivedBytes(new Set(), 8, 30)).toBe(0)
  })

  it('numbers waiting rows around started ones and reserved numbers', () => {
    const waiting = { locked: null, failed: false }
    expect(assignEpisodeNumbers([waiting, waiting, waiting], 4)).toEqual([4, 5, 6])
    expect(assignEpisodeNumbers([{ locked: 4, failed: false }, { locked: 5, failed: true }, waiting], 4)).toEqual([4, 5, 6])
    // A waiting row dragged above started ones takes the first free number.
    expect(assignEpisodeNumbers([waiting, { locked: 5, failed: false }, { locked: 6, failed: false }], 4)).toEqual([4, 5, 6])
    expect(assignEpisodeNumbers([waiting, { locked: 4, failed: false }], 4)).toEqual([5, 4])
    // Cleared finished rows keep their numbers; a file refused before it started takes none.
    expect(assignEpisodeNumbers([{ locked: null, failed: true }, waiting], 4, new Set([4, 5]))).toEqual([null, 6])
  })

  it('tells transient failures from final ones', () => {
    expect(isTransient({ status: 0, code: 'NETWORK_ERROR', message: '' })).toBe(true)
    expect(isTransient({ status: 503, code: 'HTTP_503', message: '' })).toBe(true)
    expect(isTransient({ status: 429, code: 'TOO_MANY_REQUESTS', message: '' })).toBe(true)
    expect(isTransient({ status: 422, code: 'CHUNK_CHECKSUM_MISMATCH', message: '' })).toBe(true)
    expect(isTransient({ status: 422, code: 'CHUNK_SIZE_MISMATCH', message: '' })).toBe(false)
    expect(isTransient({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '' })).toBe(false)
    expect(isTransient(new Error('boom'))).toBe(false)
    expect(toFailure({ status: 422, code: 'MEDIA_INVALID', message: 'bad', details: { reason: 'truncated' } })).toEqual({
      code: 'MEDIA_INVALID',
      status: 422,
      reason: 'truncated',
      message: 'bad',
      maxBytes: null,
      retryable: false,
    })
    expect(toFailure({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'big', details: { maxBytes: 2048 } })).toMatchObject({ maxBytes: 2048, retryable: false })
    expect(toFailure({ status: 409, code: 'UPLOAD_NOT_ACTIVE', message: 'expired' }).retryable).toBe(true)
  })
})

describe('the upload queue', () => {
  it('lists new files in natural name order, numbered from the start number, and waits for start()', async () => {
    const q = makeQueue()
    q.add([video('第10集.mp4'), video('第2集.mp4'), video('第1集.mp4')])
    expect(q.items.map((row) => [row.name, row.episodeNumber, row.state])).toEqual([
      ['第1集.mp4', 4, 'queued'],
      ['第2集.mp4', 5, 'queued'],
      ['第10集.mp4', 6, 'queued'],
    ])
    // The same file picked again is not listed twice.
    q.add([video('第2集.mp4')])
    expect(q.items).toHaveLength(3)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(net.requests).toHaveLength(0)
  })

  it('sends every chunk once, in order, with its SHA-256, and completes each file as its episode', async () => {
    const changes: number[] = []
    const q = makeQueue({ onChange: () => changes.push(q.items[0]?.progress ?? 0) })
    const file = video('第1集.mp4', 30)
    q.add([file])
    q.start()
    await until(() => states(q).every((state) => state === 'done'), 'the upload to finish')

    const upload = uploadOf('第1集.mp4')
    expect(upload).toMatchObject({ episodeNumber: 4, sizeBytes: 30, contentType: 'video/mp4', purpose: 'episode', dramaId: DRAMA, state: 'completed' })
    expect(assembled(upload).equals(await bytesOf(file))).toBe(true)
    const puts = chunkPuts()
    expect(puts.map((put) => put.path)).toEqual([0, 1, 2, 3].map((index) => `/admin/v1/uploads/${upload.id}/chunks/${index}`))
    expect(puts.map((put) => put.bytes)).toEqual([8, 8, 8, 6])
    const whole = await bytesOf(file)
    puts.forEach((put, index) => {
      const [start, end] = chunkRange(index, 8, 30)
      expect(put.headers['x-chunk-sha256']).toBe(createHash('sha256').update(whole.subarray(start, end)).digest('hex'))
      expect(put.headers['content-type']).toBe('application/octet-stream')
    })
    expect(item(q, '第1集.mp4')).toMatchObject({ progress: 1, uploadedBytes: 30, episodeNumber: 4, numberLocked: true, error: null })
    // Progress only grows, chunk by chunk.
    expect(changes).toEqual([...changes].sort((a, b) => a - b))
    expect(new Set(changes)).toEqual(new Set([0, 8 / 30, 16 / 30, 24 / 30, 1]))
    expect(completed).toEqual([{ number: 4, targetNumber: 4 }])
    expect(catalog.episodes.find((episode) => episode.dramaId === DRAMA && episode.number === 4)).toMatchObject({ state: 'processing' })
  })

  it('skips the chunks the server already holds (a resumed upload)', async () => {
    const file = video('第1集.mp4', 30)
    const first = makeQueue()
    first.add([file])
    net.hold()
    first.start()
    await net.held(1)
    net.release()
    await until(() => chunkPuts().length === 2, 'two chunks to be sent')
    // The page goes away mid-upload; later the same file is picked again.
    first.dispose()
    await until(() => uploadOf('第1集.mp4').chunks.size >= 1, 'the server to hold the first chunks')
    const held = [...uploadOf('第1集.mp4').chunks.keys()]
    net.requests.length = 0

    const second = makeQueue()
    second.add([file])
    second.start()
    await until(() => states(second).every((state) => state === 'done'), 'the resumed upload to finish')
    const sent = chunkPuts().map((put) => Number(put.path.split('/').at(-1)))
    expect(sent).toEqual([0, 1, 2, 3].filter((index) => !held.includes(index)))
    expect(media.uploads).toHaveLength(1)
    expect(assembled(uploadOf('第1集.mp4')).equals(await bytesOf(file))).toBe(true)
  })

  it('pauses a file mid-chunk (the request is aborted) and resumes it without losing a byte', async () => {
    const q = makeQueue()
    const file = video('第1集.mp4', 40)
    q.add([file])
    net.hold()
    q.start()
    await net.held(1)
    q.pause(q.items[0]!.key)
    expect(q.items[0]!.state).toBe('paused')
    await until(() => net.aborted.length === 1, 'the chunk request to be aborted')
    expect(net.aborted[0]).toMatch(/\/chunks\/0$/)
    net.release()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(q.items[0]!.state).toBe('paused')
    expect(uploadOf('第1集.mp4').chunks.size).toBe(0)

    q.resume(q.items[0]!.key)
    await until(() => q.items[0]!.state === 'done', 'the resumed file to finish')
    expect(assembled(uploadOf('第1集.mp4')).equals(await bytesOf(file))).toBe(true)
    expect(media.uploads).toHaveLength(1)
  })

  it('retries a chunk that failed transiently, waiting longer each time', async () => {
    const q = makeQueue()
    media.chunkFaults.push({ status: 503, code: 'HTTP_503' }, { status: 502, code: 'HTTP_502' })
    q.add([video('第1集.mp4', 20)])
    q.start()
    await until(() => q.items[0]!.state === 'done', 'the upload to finish')
    expect(sleeps).toEqual([100, 200])
    expect(chunkPuts().map((put) => put.path.split('/').at(-1))).toEqual(['0', '0', '0', '1', '2'])
    expect(q.items[0]!.retrying).toBeNull()
  })

  it('retries dropped connections and chunks damaged on the way', async () => {
    const q = makeQueue()
    q.add([video('第1集.mp4', 20)])
    net.dropNext(1)
    media.chunkFaults.push({ status: 422, code: 'CHUNK_CHECKSUM_MISMATCH' })
    q.start()
    await until(() => q.items[0]!.state === 'done', 'the upload to finish')
    // The create call was dropped once, the first chunk damaged once.
    expect(sleeps).toEqual([100, 100])
    expect(net.requests.filter((request) => request.path === '/admin/v1/uploads')).toHaveLength(2)
  })

  it('gives up after the last retry, and carries on from the failed chunk when asked to', async () => {
    const q = makeQueue()
    q.add([video('第1集.mp4', 30)])
    media.chunkFaults.push(...Array.from({ length: 4 }, () => ({ status: 503, code: 'HTTP_503', index: 1 })))
    q.start()
    await until(() => q.items[0]!.state === 'failed', 'the upload to fail')
    expect(sleeps).toEqual([100, 200, 400])
    expect(q.items[0]!.error).toMatchObject({ code: 'HTTP_503', status: 503, retryable: true })
    expect(q.items[0]!.episodeNumber).toBe(4)

    net.requests.length = 0
    q.retry(q.items[0]!.key)
    await until(() => q.items[0]!.state === 'done', 'the retried upload to finish')
    expect(chunkPuts().map((put) => put.path.split('/').at(-1))).toEqual(['1', '2', '3'])
    expect(media.uploads).toHaveLength(1)
  })

  it('fails at once on errors a retry cannot fix', async () => {
    const q = makeQueue()
    q.add([video('第1集.mp4', 20)])
    media.chunkFaults.push({ status: 409, code: 'UPLOAD_NOT_ACTIVE' })
    q.start()
    await until(() => q.items[0]!.state === 'failed', 'the upload to fail')
    expect(sleeps).toEqual([])
    expect(q.items[0]!.error).toMatchObject({ code: 'UPLOAD_NOT_ACTIVE', retryable: true })
  })

  it('reports refused files with the server code and reason, and cannot retry them', async () => {
    media.maxBytes = 50
    const q = makeQueue()
    const text = new File(['just some notes, not a video'], '第2集.mp4', { type: 'video/mp4', lastModified: 1 })
    const big = video('第3集.mp4', 60)
    const srt = new File(['1\n00:00:01,000 --> 00:00:02,000\nHi'], '第4集.srt', { type: 'application/x-subrip', lastModified: 1 })
    const empty = new File([], '第5集.mp4', { type: 'video/mp4', lastModified: 1 })
    q.add([video('第1集.mp4'), text, big, srt, empty])
    // The empty file is refused before anything is sent, and takes no number.
    expect(q.items.map((row) => [row.name, row.episodeNumber, row.state])).toEqual([
      ['第1集.mp4', 4, 'queued'],
      ['第2集.mp4', 5, 'queued'],
      ['第3集.mp4', 6, 'queued'],
      ['第4集.srt', 7, 'queued'],
      ['第5集.mp4', null, 'failed'],
    ])
    q.start()
    await until(() => q.items.every((row) => row.state === 'done' || row.state === 'failed'), 'every file to settle')
    const failures = Object.fromEntries(q.items.map((row) => [row.name, row.error && [row.error.code, row.error.reason, row.error.retryable]]))
    expect(failures).toEqual({
      '第1集.mp4': null,
      '第2集.mp4': ['MEDIA_INVALID', 'not_video', false],
      '第3集.mp4': ['PAYLOAD_TOO_LARGE', null, false],
      '第4集.srt': ['UNSUPPORTED_MEDIA_TYPE', null, false],
      '第5集.mp4': ['MEDIA_INVALID', 'empty', false],
    })
    expect(uploadOf('第2集.mp4')).toMatchObject({ state: 'failed', error: 'not_video' })
    // Refused files keep their slot, so the next files keep the numbers their names suggest.
    expect(q.items.map((row) => row.episodeNumber)).toEqual([4, 5, 6, 7, null])
    q.retry(item(q, '第2集.mp4').key)
    expect(item(q, '第2集.mp4').state).toBe('failed')
    expect(media.uploads.map((upload) => upload.filename)).toEqual(['第1集.mp4', '第2集.mp4'])
    expect(net.requests.filter((request) => request.path === '/admin/v1/uploads')).toHaveLength(4)
  })

  it('sends again the chunks the server says are missing before completing', async () => {
    let lost = false
    // The server lost chunk 2 between its PUT and the completion (its storage was wiped).
    const transport = {
      ...uploadTransport,
      complete: (id: string, signal?: AbortSignal) => {
        if (!lost) {
          lost = true
          uploadOf('第1集.mp4').chunks.delete(2)
        }
        return uploadTransport.complete(id, signal)
      },
    }
    const q = makeQueue({ transport })
    const file = video('第1集.mp4', 30)
    q.add([file])
    q.start()
    await until(() => q.items[0]!.state === 'done', 'the upload to finish')
    expect(chunkPuts().map((put) => put.path.split('/').at(-1))).toEqual(['0', '1', '2', '3', '2'])
    expect(net.requests.filter((request) => request.path.endsWith('/complete'))).toHaveLength(2)
    expect(assembled(uploadOf('第1集.mp4')).equals(await bytesOf(file))).toBe(true)
  })

  it('asks again for a completion whose answer was lost, and gets the same episode', async () => {
    let calls = 0
    const transport = {
      ...uploadTransport,
      complete: async (id: string, signal?: AbortSignal) => {
        const result = await uploadTransport.complete(id, signal)
        calls++
        if (calls === 1) throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'The answer was lost' })
        return result
      },
    }
    const q = makeQueue({ transport })
    q.add([video('第1集.mp4', 20)])
    q.start()
    await until(() => q.items[0]!.state === 'done', 'the upload to finish')
    expect(net.requests.filter((request) => request.path.endsWith('/complete'))).toHaveLength(2)
    expect(sleeps).toEqual([100])
    expect(completed).toEqual([{ number: 4, targetNumber: 4 }])
    expect(catalog.episodes.filter((episode) => episode.dramaId === DRAMA && episode.number === 4)).toHaveLength(1)
  })

  it('uploads two files at a time, the chunks of each one after another, in list order', async () => {
    const q = makeQueue()
    q.add(['第1集.mp4', '第2集.mp4', '第3集.mp4', '第4集.mp4', '第5集.mp4'].map((name) => video(name, 24)))
    net.hold()
    q.start()
    await net.held(2)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(states(q)).toEqual(['uploading', 'uploading', 'queued', 'queued', 'queued'])
    net.release()
    await until(() => states(q).every((state) => state === 'done'), 'every file to finish')
    expect(net.peak.uploads).toBe(2)
    expect(net.peak.perUpload).toBe(1)
    expect(media.uploads.map((upload) => [upload.filename, upload.episodeNumber])).toEqual([
      ['第1集.mp4', 4],
      ['第2集.mp4', 5],
      ['第3集.mp4', 6],
      ['第4集.mp4', 7],
      ['第5集.mp4', 8],
    ])
  })

  it('renumbers waiting files when they are dragged, and keeps started ones in place', async () => {
    const q = makeQueue({ concurrency: 1 })
    q.add(['第1集.mp4', '第2集.mp4', '第3集.mp4'].map((name) => video(name, 16)))
    expect(q.move(2, 0)).toBe(true)
    expect(q.items.map((row) => [row.name, row.episodeNumber])).toEqual([
      ['第3集.mp4', 4],
      ['第1集.mp4', 5],
      ['第2集.mp4', 6],
    ])
    net.hold()
    q.start()
    await net.held(1)
    // The first file has started: it can no longer move, the waiting ones still can.
    expect(q.items[0]).toMatchObject({ numberLocked: true, state: 'uploading' })
    expect(q.move(0, 2)).toBe(false)
    expect(q.move(2, 1)).toBe(true)
    expect(q.items.map((row) => [row.name, row.episodeNumber])).toEqual([
      ['第3集.mp4', 4],
      ['第2集.mp4', 5],
      ['第1集.mp4', 6],
    ])
    q.startNumber = 10
    expect(q.items.map((row) => row.episodeNumber)).toEqual([4, 10, 11])
    net.release()
    await until(() => states(q).every((state) => state === 'done'), 'every file to finish')
    expect(media.uploads.map((upload) => [upload.filename, upload.episodeNumber])).toEqual([
      ['第3集.mp4', 4],
      ['第2集.mp4', 10],
      ['第1集.mp4', 11],
    ])
  })

  it('pauses and resumes everything at once', async () => {
    const q = makeQueue()
    q.add(['第1集.mp4', '第2集.mp4', '第3集.mp4'].map((name) => video(name, 24)))
    net.hold()
    q.start()
    await net.held(2)
    q.pauseAll()
    expect(states(q)).toEqual(['paused', 'paused', 'paused'])
    await until(() => net.aborted.length === 2, 'both chunk requests to be aborted')
    net.release()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(states(q)).toEqual(['paused', 'paused', 'paused'])
    const sentWhilePaused = net.requests.length

    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(net.requests).toHaveLength(sentWhilePaused)
    q.resumeAll()
    await until(() => states(q).every((state) => state === 'done'), 'every file to finish')
    expect(media.uploads.every((upload) => upload.state === 'completed')).toBe(true)
  })

  it('cancels an unfinished upload on the server when its file is removed, and keeps the numbers of cleared finished files', async () => {
    const q = makeQueue()
    q.add(['第1集.mp4', '第2集.mp4', '第3集.mp4'].map((name) => video(name, 24)))
    net.hold()
    q.start()
    await net.held(2)
    const second = item(q, '第2集.mp4')
    expect(second.uploadId).not.toBeNull()
    q.remove(second.key)
    net.release()
    await until(() => uploadOf('第2集.mp4').state === 'cancelled', 'the upload to be cancelled')
    expect(net.requests.some((request) => request.method === 'DELETE' && request.path === `/admin/v1/uploads/${second.uploadId}`)).toBe(true)
    await until(() => states(q).every((state) => state === 'done'), 'the other files to finish')
    // The third file took the number the removed one gave back.
    expect(uploadOf('第3集.mp4').episodeNumber).toBe(5)

    q.clearDone()
    expect(q.items).toEqual([])
    q.add([video('第4集.mp4', 16)])
    expect(q.items[0]!.episodeNumber).toBe(6)
  })
})
