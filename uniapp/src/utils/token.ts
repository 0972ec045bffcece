/** The session's bearer token, kept in uni storage so it survives restarts and reloads. */

export const TOKEN_KEY = 'duanju.token'

export function getToken(): string | null {
  const value: unknown = uni.getStorageSync(TOKEN_KEY)
  return typeof value === 'string' && value.length > 0 ? value : null
}

export function setToken(token: string): void {
  uni.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  uni.removeStorageSync(TOKEN_KEY)
}
