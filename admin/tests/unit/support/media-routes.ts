import { createHash, randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { Account } from './api-server'
import type { CatalogData, TestEpisode } from './catalog-routes'

/**
 * The media endpoints of the admin API as /tmp/media-spec.md describes them: resumable chunked
 * uploads (create, PUT chunk with X-Chunk-Sha256, complete, status, cancel), transcoding status and
 * retry, the preview, intro/outro detection and the drama watermark. In memory, with the real
 * server's error codes. `answerMedia` is transport-free: the test HTTP server and the upload
 * engine's fake fetch both answer through it.
 */

export type ProcessingState = 'none' | 'queued' | 'processing' | 'ready' | 'failed'

export interface TestUpload {
  id: string
  adminId: number
  purpose: 'episode' | 'cover' | 'watermark'
  dramaId: number
  episodeId: number | null
  episodeNumber: number | null
  filename: string
  contentType: string
  sizeBytes: number
  chunkSize: number
  totalChunks: number
  chunks: Map<number, Buffer>
  state: 'uploading' | 'completed' | 'failed' | 'cancelled' | 'expired'
  error: string | null
  /** The completion's answer, given again when the upload is completed twice. */
  result: unknown
}

export interface TestProcessing {
  episodeId: number
  dramaId: number
  state: ProcessingState
  progress: number
  attempts: number
  error: string | null
  durationSec: number
  hasAudio: boolean
  proposedIntroEndSec: number | null
  proposedOutroStartSec: number | null
}

export interface TestWatermark {
  kind: 'none' | 'text' | 'image'
  text: string | null
  position: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'
  opacity: number
  hasImage: boolean
}

export interface MediaData {
  /** Bytes per chunk the server hands out (tiny, so tests see many chunks). */
  chunkSize: number
  /** Largest file accepted (413 PAYLOAD_TOO_LARGE above). */
  maxBytes: number
  uploads: TestUpload[]
  processing: Map<number, TestProcessing>
  watermarks: Map<number, TestWatermark>
  /** Answers to give instead of the next chunk PUTs (of chunk `index`, when given), in order: fault injection. */
  chunkFaults: { status: number; code: string; index?: number }[]
  /** The episodes whose intro/outro detection was asked for (per drama). */
  detections: number[]
}

export interface MediaRequest {
  method: string
  url: URL
  headers: Record<string, string | undefined>
  raw: Buffer
  body: unknown
  /** The signed-in admin, with their permissions; undefined for anonymous calls. */
  actor: { account: Account; permissions: string[] } | undefined
}

export interface MediaAnswer {
  status: number
  body?: unknown
}

export const LADDER = [
  { label: '720p', width: 720, height: 1280, bandwidth: 2_022_000 },
  { label: '480p', width: 480, height: 854, bandwidth: 1_059_000 },
]

const POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const
const VIDEO_EXTENSIONS = /\.(mp4|mov|m4v|mkv|webm|avi|flv|ts)$/i
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function seedMediaData(): MediaData {
  return {
    chunkSize: 8,
    maxBytes: 10_000,
    uploads: [],
    processing: new Map(),
    watermarks: new Map(),
    chunkFaults: [],
    detections: [],
  }
}

const ok = (status: number, body?: unknown): MediaAnswer => ({ status, body })
const error = (status: number, code: string, message: string, details?: unknown): MediaAnswer => ({
  status,
  body: { error: details === undefined ? { code, message, requestId: 'req-test' } : { code, message, details, requestId: 'req-test' } },
})
const invalid = (field: string, message: string): MediaAnswer => error(422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields: [{ field, rule: 'invalid', message }] })

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function whole(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** What the server sniffs: an ISO-BMFF box "ftyp" at offset 4 is a video; complete means the whole file arrived. */
function sniff(upload: TestUpload, bytes: Buffer): string | null {
  if (bytes.length === 0) return 'empty'
  if (upload.purpose !== 'episode') return bytes.subarray(0, 8).equals(PNG) ? null : 'not_image'
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp' ? null : 'not_video'
}

function sessionOf(upload: TestUpload) {
  return {
    uploadId: upload.id,
    chunkSize: upload.chunkSize,
    totalChunks: upload.totalChunks,
    uploadedChunks: [...upload.chunks.keys()].sort((a, b) => a - b),
    state: upload.state,
  }
}

/** A transcoded episode of drama 1 (ready, 100 s with audio), with `patch` applied: test fixtures. */
export function readyProcessing(episodeId: number, patch: Partial<TestProcessing> = {}): TestProcessing {
  return {
    episodeId,
    dramaId: 1,
    state: 'ready',
    progress: 100,
    attempts: 1,
    error: null,
    durationSec: 100,
    hasAudio: true,
    proposedIntroEndSec: null,
    proposedOutroStartSec: null,
    ...patch,
  }
}

export function processingView(media: TestProcessing, episode: TestEpisode | undefined) {
  return {
    episodeId: media.episodeId,
    dramaId: media.dramaId,
    episodeState: episode?.state ?? 'draft',
    state: media.state,
    progress: media.progress,
    attempts: media.attempts,
    error: media.error,
    ladder: media.state === 'ready' ? LADDER : [],
    durationSec: media.durationSec,
    hasAudio: media.hasAudio,
    posterUrl: media.state === 'ready' ? `https://media.test/${media.episodeId}/poster.jpg` : null,
    updatedAt: '2026-11-21T08:00:00.000Z',
    intro: {
      introEndSec: episode?.introEndSec ?? null,
      outroStartSec: episode?.outroStartSec ?? null,
      proposedIntroEndSec: media.proposedIntroEndSec,
      proposedOutroStartSec: media.proposedOutroStartSec,
    },
  }
}

function createUpload(input: Record<string, unknown>, media: MediaData, catalog: CatalogData, adminId: number): MediaAnswer {
  const { filename, sizeBytes, contentType, purpose, dramaId, episodeId, episodeNumber } = input
  if (typeof filename !== 'string' || filename.trim() === '') return invalid('filename', 'The filename field must be defined')
  if (!whole(sizeBytes, 0)) return invalid('sizeBytes', 'The sizeBytes field must be at least 0')
  if (typeof contentType !== 'string') return invalid('contentType', 'The contentType field must be defined')
  if (purpose !== 'episode' && purpose !== 'cover' && purpose !== 'watermark') return invalid('purpose', 'The selected purpose is invalid')
  if (!whole(dramaId, 1)) return invalid('dramaId', 'The dramaId field must be defined')
  if (purpose === 'episode' && !whole(episodeId, 1) && !whole(episodeNumber, 1)) return invalid('episodeNumber', 'Give episodeId or episodeNumber')
  if (sizeBytes === 0) return error(422, 'MEDIA_INVALID', 'The file is empty', { reason: 'empty' })
  // Like the server: a video type, and a video extension when the name has one.
  const extension = /\.[^./]+$/.test(filename)
  const video = contentType.startsWith('video/') && (!extension || VIDEO_EXTENSIONS.test(filename))
  if (purpose === 'episode' ? !video : !['image/png', 'image/jpeg', 'image/webp'].includes(contentType)) {
    return error(415, 'UNSUPPORTED_MEDIA_TYPE', `${contentType} is not accepted here`, { contentType, filename })
  }
  if (sizeBytes > media.maxBytes) return error(413, 'PAYLOAD_TOO_LARGE', `Files above ${media.maxBytes} bytes are not accepted`, { maxBytes: media.maxBytes })
  if (!catalog.dramas.some((drama) => drama.id === dramaId)) return error(404, 'NOT_FOUND', 'No such drama')
  if (whole(episodeId, 1) && !catalog.episodes.some((episode) => episode.id === episodeId && episode.dramaId === dramaId)) {
    return error(404, 'NOT_FOUND', 'No such episode')
  }
  const same = media.uploads.find(
    (upload) =>
      upload.state === 'uploading' &&
      upload.adminId === adminId &&
      upload.purpose === purpose &&
      upload.dramaId === dramaId &&
      upload.episodeId === (whole(episodeId, 1) ? episodeId : null) &&
      upload.episodeNumber === (whole(episodeNumber, 1) ? episodeNumber : null) &&
      upload.filename === filename &&
      upload.sizeBytes === sizeBytes,
  )
  if (same) return ok(200, sessionOf(same))
  const upload: TestUpload = {
    id: randomUUID(),
    adminId,
    purpose,
    dramaId,
    episodeId: whole(episodeId, 1) ? episodeId : null,
    episodeNumber: whole(episodeNumber, 1) ? episodeNumber : null,
    filename,
    contentType,
    sizeBytes,
    chunkSize: media.chunkSize,
    totalChunks: Math.ceil(sizeBytes / media.chunkSize),
    chunks: new Map(),
    state: 'uploading',
    error: null,
    result: null,
  }
  media.uploads.push(upload)
  return ok(201, sessionOf(upload))
}

function putChunk(upload: TestUpload, indexText: string, request: MediaRequest, media: MediaData): MediaAnswer {
  const index = Number(indexText)
  if (!Number.isInteger(index) || index < 0 || index >= upload.totalChunks) return invalid('index', 'The index is out of range')
  if (upload.state !== 'uploading') return error(409, 'UPLOAD_NOT_ACTIVE', `The upload is ${upload.state}`)
  const faultAt = media.chunkFaults.findIndex((fault) => fault.index === undefined || fault.index === index)
  const [fault] = faultAt >= 0 ? media.chunkFaults.splice(faultAt, 1) : []
  if (fault) return error(fault.status, fault.code, 'Injected failure')
  const expected = index === upload.totalChunks - 1 ? upload.sizeBytes - upload.chunkSize * (upload.totalChunks - 1) : upload.chunkSize
  if (request.raw.length !== expected) return error(422, 'CHUNK_SIZE_MISMATCH', `Chunk ${index} must be ${expected} bytes`)
  const claimed = request.headers['x-chunk-sha256']
  if (claimed !== undefined && claimed !== sha256(request.raw)) return error(422, 'CHUNK_CHECKSUM_MISMATCH', `Chunk ${index} does not match its checksum`)
  upload.chunks.set(index, Buffer.from(request.raw))
  return ok(200, { index, size: request.raw.length, uploadedChunks: sessionOf(upload).uploadedChunks })
}

/** The file as the server assembled it from its chunks. */
export function assembled(upload: TestUpload): Buffer {
  return Buffer.concat([...upload.chunks.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes))
}

function completeUpload(upload: TestUpload, media: MediaData, catalog: CatalogData): MediaAnswer {
  const answer = completion(upload, media, catalog)
  if (answer.status === 200) {
    upload.state = 'completed'
    upload.result = answer.body
  }
  return answer
}

function completion(upload: TestUpload, media: MediaData, catalog: CatalogData): MediaAnswer {
  if (upload.state === 'completed') return ok(200, upload.result)
  if (upload.state !== 'uploading') return error(409, 'UPLOAD_NOT_ACTIVE', `The upload is ${upload.state}`)
  const missingChunks = Array.from({ length: upload.totalChunks }, (_, index) => index).filter((index) => !upload.chunks.has(index))
  if (missingChunks.length > 0) return error(409, 'UPLOAD_INCOMPLETE', 'Some chunks are missing', { missingChunks })
  const reason = sniff(upload, assembled(upload))
  if (reason) {
    upload.state = 'failed'
    upload.error = reason
    upload.chunks.clear()
    return error(422, 'MEDIA_INVALID', `The file is not usable (${reason})`, { reason })
  }
  if (upload.purpose === 'watermark') {
    // Like the server, the image becomes the drama's watermark at once.
    const current = media.watermarks.get(upload.dramaId)
    media.watermarks.set(upload.dramaId, { text: null, position: 'top-right', opacity: 0.8, ...current, kind: 'image', hasImage: true })
    return ok(200, { uploadId: upload.id, state: 'completed', purpose: upload.purpose, target: { type: 'drama', id: upload.dramaId } })
  }
  if (upload.purpose === 'cover') {
    return ok(200, { uploadId: upload.id, state: 'completed', purpose: upload.purpose, target: { type: 'drama', id: upload.dramaId } })
  }
  let episode = catalog.episodes.find((candidate) =>
    upload.episodeId !== null ? candidate.id === upload.episodeId : candidate.dramaId === upload.dramaId && candidate.number === upload.episodeNumber,
  )
  if (!episode) {
    episode = {
      id: catalog.episodes.reduce((max, row) => Math.max(max, row.id), 0) + 1,
      dramaId: upload.dramaId,
      number: upload.episodeNumber ?? 1,
      durationSec: 0,
      state: 'draft',
      releaseAt: null,
      publishedAt: null,
    }
    catalog.episodes.push(episode)
  }
  episode.state = 'processing'
  media.processing.set(episode.id, {
    episodeId: episode.id,
    dramaId: episode.dramaId,
    state: 'queued',
    progress: 0,
    attempts: 0,
    error: null,
    durationSec: 0,
    hasAudio: true,
    proposedIntroEndSec: null,
    proposedOutroStartSec: null,
  })
  const target = { type: 'episode', id: episode.id, dramaId: episode.dramaId, number: episode.number }
  return ok(200, { uploadId: upload.id, state: 'completed', purpose: 'episode', target, probe: { durationSec: 3, width: 720, height: 1280, hasAudio: true } })
}

function uploadsRoutes(request: MediaRequest, media: MediaData, catalog: CatalogData, adminId: number): MediaAnswer | null {
  const path = request.url.pathname
  if (path === '/admin/v1/uploads' && request.method === 'POST') return createUpload(record(request.body), media, catalog, adminId)
  const match = /^\/admin\/v1\/uploads\/([^/]+)(?:\/chunks\/([^/]+)|\/(complete))?$/.exec(path)
  if (!match) return null
  const upload = media.uploads.find((candidate) => candidate.id === match[1] && candidate.adminId === adminId)
  if (!upload) return error(404, 'NOT_FOUND', 'No such upload')
  if (match[2] !== undefined && request.method === 'PUT') return putChunk(upload, match[2], request, media)
  if (match[3] !== undefined && request.method === 'POST') return completeUpload(upload, media, catalog)
  if (match[2] !== undefined || match[3] !== undefined) return null
  if (request.method === 'DELETE') {
    upload.state = 'cancelled'
    upload.chunks.clear()
    return ok(204)
  }
  return null
}

function previewOf(media: TestProcessing, episode: TestEpisode) {
  const base = `https://media.test/hls/${episode.id}`
  return {
    masterUrl: `${base}/master.m3u8?sig=admin`,
    expiresAt: '2026-11-21T10:00:00.000Z',
    renditions: LADDER.map((rung) => ({ ...rung, url: `${base}/${rung.label}/index.m3u8?sig=admin` })),
    posterUrl: `${base}/poster.jpg`,
    thumbnailsVttUrl: null,
    durationSec: media.durationSec,
  }
}

function episodeRoutes(request: MediaRequest, media: MediaData, catalog: CatalogData): MediaAnswer | null {
  const match = /^\/admin\/v1\/episodes\/([^/]+)\/(processing|processing\/retry|preview)$/.exec(request.url.pathname)
  if (!match) return null
  const episode = catalog.episodes.find((candidate) => String(candidate.id) === match[1])
  if (!episode) return error(404, 'NOT_FOUND', 'No such episode')
  const processing = media.processing.get(episode.id)
  if (match[2] === 'processing' && request.method === 'GET') {
    if (!processing) {
      const none: TestProcessing = {
        episodeId: episode.id,
        dramaId: episode.dramaId,
        state: 'none',
        progress: 0,
        attempts: 0,
        error: null,
        durationSec: 0,
        hasAudio: false,
        proposedIntroEndSec: null,
        proposedOutroStartSec: null,
      }
      return ok(200, processingView(none, episode))
    }
    return ok(200, processingView(processing, episode))
  }
  if (match[2] === 'processing/retry' && request.method === 'POST') {
    if (!processing) return error(409, 'MEDIA_NOT_UPLOADED', 'This episode has no uploaded video')
    if (processing.state !== 'failed' && processing.state !== 'ready') return error(409, 'MEDIA_BUSY', 'This episode is being transcoded')
    Object.assign(processing, { state: 'queued', progress: 0, error: null })
    episode.state = 'processing'
    return ok(202, processingView(processing, episode))
  }
  if (match[2] === 'preview' && request.method === 'GET') {
    if (processing?.state !== 'ready') return error(409, 'MEDIA_NOT_READY', 'The episode has no playable media yet')
    return ok(200, previewOf(processing, episode))
  }
  return null
}

function checkWatermark(input: Record<string, unknown>, current: TestWatermark | undefined): MediaAnswer | TestWatermark {
  const { kind, text, position, opacity } = input
  if (kind !== 'none' && kind !== 'text' && kind !== 'image') return invalid('kind', 'The selected kind is invalid')
  if (!POSITIONS.includes(position as TestWatermark['position'])) return invalid('position', 'The selected position is invalid')
  if (opacity !== undefined && (typeof opacity !== 'number' || opacity < 0.1 || opacity > 1)) return invalid('opacity', 'The opacity field must be between 0.1 and 1')
  if (kind === 'text' && (typeof text !== 'string' || text.trim() === '' || text.trim().length > 40)) return invalid('text', 'The text field must have 1 to 40 characters')
  if (kind === 'image' && !current?.hasImage) return invalid('kind', 'Upload a watermark image first')
  return {
    kind,
    text: kind === 'text' && typeof text === 'string' ? text.trim() : null,
    position: position as TestWatermark['position'],
    opacity: typeof opacity === 'number' ? opacity : 0.8,
    hasImage: current?.hasImage ?? false,
  }
}

function dramaRoutes(request: MediaRequest, media: MediaData, catalog: CatalogData): MediaAnswer | null {
  const match = /^\/admin\/v1\/dramas\/([^/]+)\/(processing|watermark|intro-outro\/detect|intro-outro\/apply)$/.exec(request.url.pathname)
  if (!match) return null
  const drama = catalog.dramas.find((candidate) => String(candidate.id) === match[1])
  if (!drama) return error(404, 'NOT_FOUND', 'No such drama')
  const ready = [...media.processing.values()].filter((row) => row.dramaId === drama.id && row.state === 'ready')
  if (match[2] === 'processing' && request.method === 'GET') {
    const rows = [...media.processing.values()].filter((row) => row.dramaId === drama.id)
    const episodeOf = (id: number) => catalog.episodes.find((candidate) => candidate.id === id)
    rows.sort((a, b) => (episodeOf(a.episodeId)?.number ?? 0) - (episodeOf(b.episodeId)?.number ?? 0))
    return ok(200, { data: rows.map((row) => processingView(row, episodeOf(row.episodeId))) })
  }
  if (match[2] === 'watermark' && request.method === 'GET') {
    return ok(200, { dramaId: drama.id, ...(media.watermarks.get(drama.id) ?? { kind: 'none', text: null, position: 'top-right', opacity: 0.8, hasImage: false }) })
  }
  if (match[2] === 'watermark' && request.method === 'PUT') {
    const checked = checkWatermark(record(request.body), media.watermarks.get(drama.id))
    if ('status' in checked) return checked
    media.watermarks.set(drama.id, checked)
    return ok(200, { dramaId: drama.id, ...checked })
  }
  if (match[2] === 'intro-outro/detect' && request.method === 'POST') {
    // Detection compares the episodes' audio; here every ready episode gets a fixed proposal.
    for (const row of ready) {
      row.proposedIntroEndSec = 5
      row.proposedOutroStartSec = Math.max(6, row.durationSec - 8)
    }
    media.detections.push(drama.id)
    return ok(202, { queued: true })
  }
  if (match[2] === 'intro-outro/apply' && request.method === 'POST') {
    const ids = record(request.body).episodeIds
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => whole(id, 1)))) return invalid('episodeIds', 'The episodeIds field must be a list of ids')
    let applied = 0
    for (const row of ready) {
      if (Array.isArray(ids) && !ids.includes(row.episodeId)) continue
      if (row.proposedIntroEndSec === null && row.proposedOutroStartSec === null) continue
      const episode = catalog.episodes.find((candidate) => candidate.id === row.episodeId)
      if (!episode) continue
      episode.introEndSec = row.proposedIntroEndSec
      episode.outroStartSec = row.proposedOutroStartSec
      applied++
    }
    return ok(200, { applied })
  }
  return null
}

/** The answer to a media endpoint, or null when the request is not one. */
export function answerMedia(request: MediaRequest, media: MediaData, catalog: CatalogData): MediaAnswer | null {
  const path = request.url.pathname
  const isMedia =
    path.startsWith('/admin/v1/uploads') ||
    /^\/admin\/v1\/episodes\/[^/]+\/(processing|preview)/.test(path) ||
    /^\/admin\/v1\/dramas\/[^/]+\/(processing|watermark|intro-outro)/.test(path)
  if (!isMedia) return null
  if (!request.actor) return error(401, 'UNAUTHENTICATED', 'Authentication required')
  if (!request.actor.permissions.includes('media.manage')) return error(403, 'FORBIDDEN', 'You are not allowed to do this', { permission: 'media.manage' })
  const adminId = request.actor.account.id
  return (
    uploadsRoutes(request, media, catalog, adminId) ??
    episodeRoutes(request, media, catalog) ??
    dramaRoutes(request, media, catalog) ??
    error(404, 'NOT_FOUND', `Cannot ${request.method} ${path}`)
  )
}

/** Writes the answer of a media endpoint to `res` (true), or leaves the request to the caller (false). */
export function handleMediaRoute(request: MediaRequest, media: MediaData, catalog: CatalogData, res: ServerResponse): boolean {
  const answer = answerMedia(request, media, catalog)
  if (!answer) return false
  if (answer.body === undefined) res.writeHead(answer.status).end()
  else res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body))
  return true
}
