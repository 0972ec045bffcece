import type { User, UserSettings } from './auth'
import { request, upload } from './request'

export interface ProfileUpdate {
  nickname?: string
  settings?: Partial<UserSettings>
}

export async function fetchMe(): Promise<User> {
  const body = await request<{ user: User }>('/api/v1/me')
  return body.user
}

/** PUT, not PATCH: uni.request on mini-programs has no PATCH. */
export async function updateMe(update: ProfileUpdate): Promise<User> {
  const body = await request<{ user: User }>('/api/v1/me', { method: 'PUT', data: { ...update } })
  return body.user
}

/** jpg/png/webp up to 2 MB, as the multipart field `avatar`. */
export async function uploadAvatar(filePath: string): Promise<User> {
  const body = await upload<{ user: User }>('/api/v1/me/avatar', { filePath, name: 'avatar' })
  return body.user
}
