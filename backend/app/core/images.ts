import { readFile } from 'node:fs/promises'
import { AppError } from '#core/exceptions/app_error'

/** Image types accepted for avatars and covers, recognised by their first bytes, not the name. */
const SIGNATURES: { ext: 'jpg' | 'png' | 'webp'; type: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'jpg', type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: 'png',
    type: 'image/png',
    test: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    ext: 'webp',
    type: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
]

export function sniffImage(bytes: Buffer) {
  return SIGNATURES.find((s) => s.test(bytes)) ?? null
}

export const IMAGE_FILE_RULES = { extnames: ['jpg', 'jpeg', 'png', 'webp'] }

export function contentTypeOf(file: string) {
  return file.endsWith('.png') ? 'image/png' : file.endsWith('.webp') ? 'image/webp' : 'image/jpeg'
}

/**
 * Reads an uploaded temp file and checks it is a JPEG, PNG or WebP no larger than `maxBytes`.
 * `code` names the error for the caller's field (AVATAR_INVALID, COVER_INVALID).
 */
export async function readImageUpload(tmpPath: string, maxBytes: number, code: string) {
  const bytes = await readFile(tmpPath)
  if (bytes.length === 0) throw new AppError(422, code, 'The image is empty')
  if (bytes.length > maxBytes)
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Images are at most ${Math.round(maxBytes / 1024 / 1024)} MB`
    )
  const kind = sniffImage(bytes)
  if (!kind) throw new AppError(422, code, 'Images must be JPEG, PNG or WebP')
  return { bytes, ...kind }
}

/** The multipart file checks shared by image endpoints: missing → 422, too large → 413. */
export function assertImageFile(
  file: { isValid: boolean; errors: { type: string; message: string }[]; tmpPath?: string } | null,
  field: string,
  code: string
): asserts file is { isValid: true; errors: []; tmpPath: string } {
  if (!file) {
    throw new AppError(422, 'VALIDATION_FAILED', 'Some fields are invalid', {
      fields: [{ field, rule: 'required', message: `Attach an image as the ${field} field` }],
    })
  }
  if (!file.isValid) {
    if (file.errors.some((e) => e.type === 'size'))
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'The image is too large')
    throw new AppError(422, code, 'Images must be JPEG, PNG or WebP', {
      fields: file.errors.map((e) => ({ field, rule: e.type, message: e.message })),
    })
  }
}
