import { http } from './http'

export interface AdminProfile {
  id: number | string
  name: string
  email: string
  roles: string[]
}

export interface LoginResult {
  token: string
  admin: AdminProfile
  permissions: string[]
}

export interface MeResult {
  admin: AdminProfile
  permissions: string[]
}

export function login(email: string, password: string): Promise<LoginResult> {
  // Wrong credentials are a 401 too: not an expired session, and the form shows the message itself.
  return http.post<LoginResult>('/admin/v1/auth/login', { email, password }, { auth: false, silent: true })
}

/** Re-validates a stored token. The caller decides what a 401 means, so no toast and no redirect here. */
export function fetchMe(): Promise<MeResult> {
  return http.get<MeResult>('/admin/v1/me', { silent: true, redirectOn401: false })
}

export function logout(): Promise<void> {
  return http.post<void>('/admin/v1/auth/logout', undefined, { silent: true, redirectOn401: false })
}
