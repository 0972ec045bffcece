import type { ClientPlatform } from '@/utils/device'
import { request } from './request'

// Local shapes until the backend's users transformers export their response types.
export interface User {
  id: string | number
  nickname: string
  avatarUrl: string | null
  isGuest: boolean
}

export interface AuthResult {
  token: string
  user: User
}

export function guestSignIn(body: { deviceId: string; platform: ClientPlatform }): Promise<AuthResult> {
  return request<AuthResult>('/api/v1/auth/guest', { method: 'POST', data: body, auth: false })
}

export async function fetchMe(): Promise<User> {
  const body = await request<{ user: User }>('/api/v1/me')
  return body.user
}
