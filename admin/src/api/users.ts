import { compactQuery, http, type CursorPage, type PageRequest } from './http'

export const USER_STATUSES = ['active', 'banned'] as const
export type UserStatus = (typeof USER_STATUSES)[number]

export const PLATFORMS = ['app-android', 'app-ios', 'h5', 'mp-weixin'] as const
export type Platform = (typeof PLATFORMS)[number]

/** A viewer as the admin sees them: full phone number, ban state, where they signed up. */
export interface AdminViewer {
  id: number | string
  nickname: string | null
  avatarUrl: string | null
  isGuest: boolean
  phone: string | null
  status: UserStatus
  signupPlatform: string | null
  wechatBound: boolean
  bannedReason: string | null
  bannedAt: string | null
  lastSeenAt: string | null
  createdAt: string
}

export interface ViewerDevice {
  platform: string
  deviceId: string
  lastSeenAt: string | null
}

/** A guest account folded into this one; `moved` counts what came along (favorites, history, ...). */
export interface AccountMerge {
  sourceUserId: number | string
  moved: Record<string, number>
  createdAt: string
}

export interface UserDetail {
  user: AdminViewer
  devices: ViewerDevice[]
  merges: AccountMerge[]
}

export interface UserFilters {
  /** Nickname (contains), phone digits (contains) or an exact id. */
  q?: string
  status?: UserStatus | ''
  platform?: Platform | ''
}

export const BAN_REASON_MIN = 2
export const BAN_REASON_MAX = 200

export function usersQuery(filters: UserFilters, page: PageRequest = {}) {
  return compactQuery({
    q: filters.q,
    status: filters.status,
    platform: filters.platform,
    limit: page.limit,
    cursor: page.cursor,
  })
}

function userPath(id: number | string, action = ''): string {
  return `/admin/v1/users/${encodeURIComponent(String(id))}${action}`
}

export function listUsers(filters: UserFilters, page: PageRequest = {}): Promise<CursorPage<AdminViewer>> {
  return http.get<CursorPage<AdminViewer>>('/admin/v1/users', { query: usersQuery(filters, page) })
}

/** The detail page shows a missing user itself, so a 404 is not toasted. */
export function getUser(id: number | string): Promise<UserDetail> {
  return http.get<UserDetail>(userPath(id), { silent: true })
}

/** Bans the viewer and revokes their tokens. The dialog shows validation errors itself. */
export async function banUser(id: number | string, reason: string): Promise<AdminViewer> {
  const result = await http.post<{ user: AdminViewer }>(userPath(id, '/ban'), { reason: reason.trim() }, { silent: true })
  return result.user
}

export async function unbanUser(id: number | string): Promise<AdminViewer> {
  const result = await http.post<{ user: AdminViewer }>(userPath(id, '/unban'))
  return result.user
}
