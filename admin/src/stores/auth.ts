import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { AdminProfile } from '@/api/auth'
import { ApiError } from '@/api/http'

export const SESSION_STORAGE_KEY = 'duanju.admin.session'

interface StoredSession {
  token: string
  admin: AdminProfile
  permissions: string[]
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false
  const session = value as Record<string, unknown>
  const admin = session.admin as Record<string, unknown> | null | undefined
  return (
    typeof session.token === 'string' &&
    session.token !== '' &&
    isStringArray(session.permissions) &&
    typeof admin === 'object' &&
    admin !== null &&
    typeof admin.name === 'string' &&
    isStringArray(admin.roles)
  )
}

function readStoredSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY)
    if (!raw) return null
    const parsed: unknown = JSON.parse(raw)
    return isStoredSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const stored = readStoredSession()
  const token = ref<string | null>(stored?.token ?? null)
  const admin = ref<AdminProfile | null>(stored?.admin ?? null)
  const permissions = ref<string[]>(stored?.permissions ?? [])

  const isAuthenticated = computed(() => token.value !== null && admin.value !== null)
  const permissionSet = computed(() => new Set(permissions.value))

  /** True when every one of `required` was granted (an empty list needs nothing). */
  function hasPermission(required: string | readonly string[] | undefined): boolean {
    if (required === undefined) return true
    const list = typeof required === 'string' ? [required] : required
    return list.every((permission) => permissionSet.value.has(permission))
  }

  function persist(): void {
    if (token.value && admin.value) {
      const session: StoredSession = { token: token.value, admin: admin.value, permissions: permissions.value }
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session))
    } else {
      localStorage.removeItem(SESSION_STORAGE_KEY)
    }
  }

  function setSession(next: StoredSession): void {
    token.value = next.token
    admin.value = next.admin
    permissions.value = [...next.permissions]
    persist()
  }

  function clearSession(): void {
    token.value = null
    admin.value = null
    permissions.value = []
    persist()
  }

  async function login(email: string, password: string): Promise<void> {
    const result = await authApi.login(email, password)
    setSession({ token: result.token, admin: result.admin, permissions: result.permissions })
  }

  /**
   * Re-validates a stored session with GET /admin/v1/me on start-up. A rejected token ends the session;
   * when the server cannot be reached the cached session stays, so a flaky network does not log people out.
   */
  async function restore(): Promise<void> {
    const current = token.value
    if (!current) return
    try {
      const me = await authApi.fetchMe()
      if (token.value !== current) return
      setSession({ token: current, admin: me.admin, permissions: me.permissions })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && token.value === current) clearSession()
    }
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await authApi.logout()
    } catch {
      // The token is dropped locally either way; a failed revoke must not keep anyone signed in.
    } finally {
      clearSession()
    }
  }

  return { token, admin, permissions, isAuthenticated, hasPermission, login, restore, logout, clearSession }
})

export type AuthStore = ReturnType<typeof useAuthStore>
