import { createHash } from 'node:crypto'
import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type ApiError } from '@/api/http'
import { applyIntroOutro, detectIntroOutro, getPreview, getProcessing, getWatermark, retryProcessing, saveWatermark } from '@/api/media'
import { cancelUpload, completeUpload, createUpload, putUploadChunk, uploadTransport } from '@/api/uploads'
import { uploadFile } from '@/utils/chunkedUpload'
import { startTestApi, type TestApiServer } from './support/api-server'
import { readyProcessing } from './support/media-routes'
import { tinyPng, useNodeFormData } from './support/node-form-data'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  await useNodeFormData()
  api = await startTestApi()
})

afterEach(async () => {
  vi.unstubAllGlobals()
  ElMessage.closeAll()
  await api.close()
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const VIDEO = new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 1, 2, 3, 4])

/** Episode 1 of drama 1, transcoded and ready. */
function readyEpisode() {
  api.media.processing.set(1, readyProcessing(1))
}


describe('uploads api', () => {
  it('creates an upload, sends raw chunks with their checksum, completes it as an episode, and finds it again', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const input = { filename: '第4集.mp4', sizeBytes: VIDEO.length, contentType: 'video/mp4', purpose: 'episode' as const, dramaId: 1, episodeNumber: 4 }
    const session = await createUpload(input)
    expect(session).toMatchObject({ chunkSize: 8, totalChunks: 2, uploadedChunks: [], state: 'uploading' })
    expect(api.requests.at(-1)?.body).toEqual(input)

    const first = VIDEO.slice(0, 8)
    expect(await putUploadChunk(session.uploadId, 0, first, sha(first))).toEqual([0])
    const chunk = api.requests.at(-1)
    expect(chunk).toMatchObject({ method: 'PUT', path: `/admin/v1/uploads/${session.uploadId}/chunks/0` })
    expect(chunk?.headers['content-type']).toBe('application/octet-stream')
    expect(chunk?.headers['x-chunk-sha256']).toBe(sha(first))

    // The same file again: the same upload, with the chunk already received.
    expect(await createUpload(input)).toMatchObject({ uploadId: session.uploadId, uploadedChunks: [0] })

    const incomplete = (await rejectionOf(completeUpload(session.uploadId))) as ApiError
    expect(incomplete).toMatchObject({ status: 409, code: 'UPLOAD_INCOMPLETE', details: { missingChunks: [1] } })
    const rest = VIDEO.slice(8)
    await putUploadChunk(session.uploadId, 1, rest, sha(rest))
    const completed = await completeUpload(session.uploadId)
    expect(completed).toMatchObject({ state: 'completed', purpose: 'episode', target: { type: 'episode', dramaId: 1, number: 4 } })
    expect(api.catalog.episodes.find((episode) => episode.dramaId === 1 && episode.number === 4)?.state).toBe('processing')
    // Silent: the upload manager words the failures.
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('reports refused files with the codes the screens word', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const base = { purpose: 'episode' as const, dramaId: 1, episodeNumber: 9 }
    expect(await rejectionOf(createUpload({ ...base, filename: 'notes.txt', sizeBytes: 10, contentType: 'text/plain' }))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    })
    expect(await rejectionOf(createUpload({ ...base, filename: 'big.mp4', sizeBytes: 20_000, contentType: 'video/mp4' }))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxBytes: 10_000 },
    })
    expect(await rejectionOf(createUpload({ ...base, filename: 'empty.mp4', sizeBytes: 0, contentType: 'video/mp4' }))).toMatchObject({
      status: 422,
      code: 'MEDIA_INVALID',
      details: { reason: 'empty' },
    })
    const text = new TextEncoder().encode('hello')
    const session = await createUpload({ ...base, filename: 'renamed.mp4', sizeBytes: text.length, contentType: 'video/mp4' })
    expect(await rejectionOf(putUploadChunk(session.uploadId, 0, text, sha(new Uint8Array([1]))))).toMatchObject({ code: 'CHUNK_CHECKSUM_MISMATCH' })
    await putUploadChunk(session.uploadId, 0, text, sha(text))
    expect(await rejectionOf(completeUpload(session.uploadId))).toMatchObject({ status: 422, code: 'MEDIA_INVALID', details: { reason: 'not_video' } })
  })

  it('cancels an upload', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const session = await createUpload({ filename: 'a.mp4', sizeBytes: 12, contentType: 'video/mp4', purpose: 'episode', dramaId: 1, episodeNumber: 5 })
    await cancelUpload(session.uploadId)
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/admin/v1/uploads/${session.uploadId}` })
    expect(await rejectionOf(putUploadChunk(session.uploadId, 0, VIDEO.slice(0, 8), sha(VIDEO.slice(0, 8))))).toMatchObject({ code: 'UPLOAD_NOT_ACTIVE' })
  })

  it('is refused to admins without media.manage', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    expect(await rejectionOf(createUpload({ filename: 'a.mp4', sizeBytes: 12, contentType: 'video/mp4', purpose: 'episode', dramaId: 1, episodeNumber: 5 }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    })
  })
})

describe('one file through the engine', () => {
  it('uploads a watermark PNG, reporting progress, and it becomes the drama watermark', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const png = new File([tinyPng()], 'logo.png', { type: 'image/png' })
    const progress: number[] = []
    const result = await uploadFile(png, { purpose: 'watermark', dramaId: 2 }, { transport: uploadTransport, onProgress: (received) => progress.push(received.size) })
    expect(result).toMatchObject({ state: 'completed', purpose: 'watermark', target: { type: 'drama', id: 2 } })
    expect(progress).toEqual(Array.from({ length: Math.ceil(tinyPng().length / 8) + 1 }, (_, index) => index))
    expect(await getWatermark(2)).toEqual({ dramaId: 2, kind: 'image', text: null, hasImage: true, position: 'top-right', opacity: 0.8 })
  })

  it('stops where it is when aborted, rejecting with the abort', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    const controller = new AbortController()
    const file = new File([new Uint8Array(64).fill(7)], 'clip.mp4', { type: 'video/mp4' })
    const upload = uploadFile(file, { purpose: 'episode', dramaId: 1, episodeNumber: 6 }, {
      transport: uploadTransport,
      signal: controller.signal,
      onProgress: (received) => {
        if (received.size === 2) controller.abort()
      },
    })
    const error = await upload.then(
      () => null,
      (reason: unknown) => reason,
    )
    expect((error as Error).name).toBe('AbortError')
    expect(api.media.uploads[0]?.chunks.size).toBe(2)
    expect(api.requests.some((request) => request.path.endsWith('/complete'))).toBe(false)
  })
})

describe('processing, preview, intro/outro and watermark api', () => {
  it('reads the processing status and transcodes again', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await getProcessing(2)).toMatchObject({ episodeId: 2, state: 'none', progress: 0, ladder: [] })
    readyEpisode()
    expect(await getProcessing(1)).toMatchObject({ episodeId: 1, dramaId: 1, state: 'ready', durationSec: 100, ladder: [{ label: '720p' }, { label: '480p' }] })
    await retryProcessing(1)
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/admin/v1/episodes/1/processing/retry' })
    expect(await getProcessing(1)).toMatchObject({ state: 'queued', episodeState: 'processing' })
    expect(await rejectionOf(retryProcessing(1))).toMatchObject({ status: 409, code: 'MEDIA_BUSY' })
    expect(await rejectionOf(retryProcessing(2))).toMatchObject({ status: 409, code: 'MEDIA_NOT_UPLOADED' })
  })

  it('gives the signed preview once the media is ready', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(getPreview(1))).toMatchObject({ status: 409, code: 'MEDIA_NOT_READY' })
    expect(document.querySelector('.el-message--error')).toBeNull()
    readyEpisode()
    const preview = await getPreview(1)
    expect(preview.masterUrl).toMatch(/master\.m3u8\?sig=/)
    expect(preview.renditions.map((rendition) => [rendition.label, rendition.width, rendition.height])).toEqual([
      ['720p', 720, 1280],
      ['480p', 480, 854],
    ])
  })

  it('asks for detection, then takes the proposals as the marks', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    readyEpisode()
    await detectIntroOutro(1)
    expect(api.media.detections).toEqual([1])
    expect((await getProcessing(1)).intro).toEqual({ introEndSec: null, outroStartSec: null, proposedIntroEndSec: 5, proposedOutroStartSec: 92 })
    expect(await applyIntroOutro(1)).toBe(1)
    expect(api.requests.at(-1)?.body).toEqual({})
    expect(await applyIntroOutro(1, [2])).toBe(0)
    expect(api.requests.at(-1)?.body).toEqual({ episodeIds: [2] })
    expect(api.catalog.episodes.find((episode) => episode.id === 1)).toMatchObject({ introEndSec: 5, outroStartSec: 92 })
  })

  it('reads and saves the watermark', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await getWatermark(1)).toEqual({ dramaId: 1, kind: 'none', text: null, hasImage: false, position: 'top-right', opacity: 0.8 })
    expect(await saveWatermark(1, { kind: 'text', text: '短剧', position: 'bottom-left', opacity: 0.5 })).toEqual({
      dramaId: 1,
      kind: 'text',
      text: '短剧',
      hasImage: false,
      position: 'bottom-left',
      opacity: 0.5,
    })
    const refused = (await rejectionOf(saveWatermark(1, { kind: 'image', position: 'top-left' }))) as ApiError
    expect(refused.fieldErrors.map((field) => field.field)).toEqual(['kind'])
  })
})
