import { MEDIA_INVALID_REASONS, type MediaInvalidReason } from '@/api/uploads'

/**
 * Error codes of the media endpoints and the upload engine, worded for people (the server's
 * messages are English). Values are i18n keys.
 */
export const MEDIA_ERROR_KEYS: Readonly<Record<string, string>> = {
  UNSUPPORTED_MEDIA_TYPE: 'media.errors.unsupportedType',
  PAYLOAD_TOO_LARGE: 'media.errors.tooLarge',
  UPLOAD_NOT_ACTIVE: 'media.errors.uploadNotActive',
  UPLOAD_INCOMPLETE: 'media.errors.uploadIncomplete',
  CHUNK_SIZE_MISMATCH: 'media.errors.chunkSize',
  CHUNK_CHECKSUM_MISMATCH: 'media.errors.chunkChecksum',
  MEDIA_NOT_READY: 'media.errors.notReady',
  NETWORK_ERROR: 'media.errors.network',
  MEDIA_BUSY: 'media.errors.busy',
  MEDIA_NOT_UPLOADED: 'media.errors.notUploaded',
  NOT_FOUND: 'media.errors.notFound',
  FORBIDDEN: 'media.errors.forbidden',
}

/** 422 MEDIA_INVALID, by `details.reason`. */
export const MEDIA_INVALID_KEYS: Readonly<Record<MediaInvalidReason, string>> = {
  empty: 'media.errors.invalid.empty',
  not_video: 'media.errors.invalid.notVideo',
  truncated: 'media.errors.invalid.truncated',
  no_video_stream: 'media.errors.invalid.noVideoStream',
  checksum_mismatch: 'media.errors.invalid.checksumMismatch',
  not_image: 'media.errors.invalid.notImage',
}

function isInvalidReason(reason: string | null): reason is MediaInvalidReason {
  return (MEDIA_INVALID_REASONS as readonly (string | null)[]).includes(reason)
}

/** The i18n key for a failure, or null when the server's own message is the best there is. */
export function mediaErrorKey(failure: { code: string; status: number; reason?: string | null }): string | null {
  if (failure.code === 'MEDIA_INVALID') {
    const reason = failure.reason ?? null
    return isInvalidReason(reason) ? MEDIA_INVALID_KEYS[reason] : 'media.errors.invalid.unknown'
  }
  const key = MEDIA_ERROR_KEYS[failure.code]
  if (key) return key
  return failure.status >= 500 ? 'media.errors.server' : null
}

/** Bytes as people read file sizes: 812 B, 4.2 KB, 35.1 MB, 1.2 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/** Peak bandwidth as `2.0 Mbps` / `850 kbps`. */
export function formatBandwidth(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${(bitsPerSecond / 1_000_000).toFixed(1)} Mbps`
  return `${Math.round(bitsPerSecond / 1000)} kbps`
}
