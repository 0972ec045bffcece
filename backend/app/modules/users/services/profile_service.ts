import { randomUUID } from 'node:crypto'
import env from '#start/env'
import type User from '#modules/users/models/user'
import type { UserSettings } from '#modules/users/models/user'
import storage from '#core/services/storage'
import { AppError } from '#core/exceptions/app_error'
import { contentTypeOf, readImageUpload } from '#core/images'

export interface ProfileChanges {
  nickname?: string
  settings?: Partial<UserSettings>
}

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024

export class ProfileService {
  async update(user: User, changes: ProfileChanges) {
    if (changes.nickname !== undefined) user.nickname = changes.nickname
    if (changes.settings) user.settings = { ...user.settings, ...changes.settings }
    await user.save()
    return user
  }

  /** Stores a validated image under avatars/<user>/ and points the profile at it. */
  async setAvatar(user: User, tmpPath: string) {
    const kind = await readImageUpload(tmpPath, AVATAR_MAX_BYTES, 'AVATAR_INVALID')
    const bytes = kind.bytes
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
    return { stream: await storage.getStream(key), type: contentTypeOf(file) }
  }
}
