import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import env from '#start/env'
import type User from '#modules/users/models/user'
import type { UserSettings } from '#modules/users/models/user'
import storage from '#core/services/storage'
import { AppError } from '#core/exceptions/app_error'

export interface ProfileChanges {
  nickname?: string
  settings?: Partial<UserSettings>
}

/** Image types we accept for avatars, recognised by their first bytes, not the file name. */
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

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024

export function sniffImage(bytes: Buffer) {
  return SIGNATURES.find((s) => s.test(bytes)) ?? null
}

export class ProfileService {
  async update(user: User, changes: ProfileChanges) {
    if (changes.nickname !== undefined) user.nickname = changes.nickname
    if (changes.settings) user.settings = { ...user.settings, ...changes.settings }
    await user.save()
    return user
  }

  /** Stores a validated image under avatars/<user>/ and points the profile at it. */
  async setAvatar(user: User, tmpPath: string) {
    const bytes = await readFile(tmpPath)
    if (bytes.length === 0) throw new AppError(422, 'AVATAR_INVALID', 'The image is empty')
    if (bytes.length > AVATAR_MAX_BYTES)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'Avatars are at most 2 MB')
    const kind = sniffImage(bytes)
    if (!kind) throw new AppError(422, 'AVATAR_INVALID', 'Avatars must be JPEG, PNG or WebP images')
    const file = `${randomUUID()}.${kind.ext}`
    await storage.put(`avatars/${user.id}/${file}`, bytes, { contentType: kind.type })
    const previous = user.avatarUrl?.match(
      /\/api\/v1\/avatars\/\d+\/([\w-]+\.(?:jpg|png|webp))$/
    )?.[1]
    user.avatarUrl = `${env.get('APP_URL').replace(/\/$/, '')}/api/v1/avatars/${user.id}/${file}`
    await user.save()
    if (previous) await storage.delete(`avatars/${user.id}/${previous}`).catch(() => {})
    return user
  }

  async readAvatar(userId: number, file: string) {
    if (!/^[\w-]+\.(jpg|png|webp)$/.test(file)) throw AppError.notFound('No such avatar')
    const key = `avatars/${userId}/${file}`
    if (!(await storage.exists(key))) throw AppError.notFound('No such avatar')
    const type = file.endsWith('.png')
      ? 'image/png'
      : file.endsWith('.webp')
        ? 'image/webp'
        : 'image/jpeg'
    return { stream: await storage.getStream(key), type }
  }
}
