import type { UploadTransport } from '@/utils/chunkedUpload'
import { http } from './http'

/**
 * Resumable, chunked uploads (POST /admin/v1/uploads, then one PUT per chunk, then complete).
 * Every call is silent: the upload manager words each failure itself, per file.
 */

export type UploadPurpose = 'episode' | 'cover' | 'watermark'

export type UploadState = 'uploading' | 'assembling' | 'completed' | 'failed' | 'cancelled' | 'expired'

export interface CreateUploadInput {
  filename: string
  sizeBytes: number
  contentType: string
  purpose: UploadPurpose
  dramaId: number
  /** purpose "episode": replace or attach the video of this episode... */
  episodeId?: number
  /** ...or of the episode with this number (created as a draft at completion when missing). */
  episodeNumber?: number
}

/** What the server holds of one upload: every chunk is `chunkSize` bytes but the last. */
export interface UploadSession {
  uploadId: string
  chunkSize: number
  totalChunks: number
  uploadedChunks: number[]
  state: UploadState
}

export type UploadTarget = { type: 'episode'; id: number; dramaId: number; number: number } | { type: 'drama'; id: number }

export interface MediaProbe {
  durationSec: number
  width: number
  height: number
  hasAudio: boolean
}

export interface CompletedUpload {
  uploadId: string
  state: 'completed'
  purpose: UploadPurpose
  target: UploadTarget
  probe?: MediaProbe
}

/** Why the server refused a finished file (422 MEDIA_INVALID `details.reason`). */
export const MEDIA_INVALID_REASONS = ['empty', 'not_video', 'truncated', 'no_video_stream', 'checksum_mismatch', 'not_image'] as const
export type MediaInvalidReason = (typeof MEDIA_INVALID_REASONS)[number]

function uploadPath(id: string, action = ''): string {
  return `/admin/v1/uploads/${encodeURIComponent(id)}${action}`
}

/** 201 for a new upload, 200 with the chunks already received for the same file again. */
export function createUpload(input: CreateUploadInput, signal?: AbortSignal): Promise<UploadSession> {
  return http.post<UploadSession>('/admin/v1/uploads', input, { silent: true, signal })
}

/** Answers every chunk index the server now holds. */
export async function putUploadChunk(
  id: string,
  index: number,
  bytes: Uint8Array<ArrayBuffer>,
  sha256: string,
  signal?: AbortSignal,
): Promise<number[]> {
  const result = await http.put<{ index: number; size: number; uploadedChunks: number[] }>(uploadPath(id, `/chunks/${index}`), bytes, {
    headers: { 'Content-Type': 'application/octet-stream', 'X-Chunk-Sha256': sha256 },
    silent: true,
    signal,
  })
  return result.uploadedChunks
}

/**
 * For an episode this also queues its transcoding. 409 UPLOAD_INCOMPLETE lists `details.missingChunks`.
 * Completing a completed upload answers the same result.
 */
export function completeUpload(id: string, signal?: AbortSignal): Promise<CompletedUpload> {
  return http.post<CompletedUpload>(uploadPath(id, '/complete'), undefined, { silent: true, signal })
}

/** Cancels the upload; the server drops the chunks it holds. */
export function cancelUpload(id: string): Promise<void> {
  return http.delete<void>(uploadPath(id), { silent: true })
}

/** The upload engine's way to the API: the shared HTTP client (token, base URL, error shape). */
export const uploadTransport: UploadTransport = {
  create: createUpload,
  putChunk: putUploadChunk,
  complete: completeUpload,
  cancel: cancelUpload,
}
