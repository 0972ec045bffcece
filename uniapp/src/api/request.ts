import { clearToken, getToken } from '@/utils/token'

export const DEFAULT_API_BASE = 'http://localhost:3333'

/** uni.request has no PATCH: WeChat mini-programs do not support it. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /** JSON body; for GET, the query string. */
  data?: Record<string, unknown>
  headers?: Record<string, string>
  /** Send the session token and recover from a 401 by signing in again. Default true. */
  auth?: boolean
}

/** Every non-2xx answer and every transport failure, as one type. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status; 0 when no response arrived. */
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

interface RawResponse {
  statusCode: number
  data: unknown
}

export function apiBaseUrl(): string {
  const configured = import.meta.env.VITE_API_BASE
  return (configured && configured.length > 0 ? configured : DEFAULT_API_BASE).replace(/\/+$/, '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Maps a non-2xx response to ApiError, reading `{ error: { code, message, details? } }` when present. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message, isRecord(error.details) ? error.details : undefined)
  }
  return new ApiError(status, `HTTP_${status}`, `Request failed with status ${status}`)
}

function send(path: string, options: RequestOptions, token: string | null): Promise<RawResponse> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (options.data !== undefined && method !== 'GET') header['Content-Type'] = 'application/json'
  if (token) header.Authorization = `Bearer ${token}`
  return new Promise((resolve, reject) => {
    uni.request({
      url: apiBaseUrl() + path,
      method,
      data: options.data,
      header,
      dataType: 'json',
      timeout: 15_000,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(new ApiError(0, 'NETWORK_ERROR', err.errMsg || 'Network request failed')),
    })
  })
}

let unauthorizedHandler: (() => Promise<void>) | null = null
let recovering: Promise<void> | null = null

/** Registers how to get a fresh token after a 401 (the session store signs in as a guest again). */
export function onUnauthorized(handler: (() => Promise<void>) | null): void {
  unauthorizedHandler = handler
}

function recoverSession(handler: () => Promise<void>, rejectedToken: string | null): Promise<void> {
  // Requests failing together share one sign-in, and a request sent with an older token (or none)
  // than the one stored now just retries with it.
  if (recovering) return recovering
  if (getToken() !== rejectedToken) return Promise.resolve()
  clearToken()
  recovering = handler().finally(() => {
    recovering = null
  })
  return recovering
}

/** Calls the Duanju API and returns the parsed JSON body; throws ApiError otherwise. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth !== false
  const token = useAuth ? getToken() : null
  let response = await send(path, options, token)
  if (response.statusCode === 401 && useAuth && unauthorizedHandler) {
    await recoverSession(unauthorizedHandler, token)
    response = await send(path, options, getToken())
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw errorFromResponse(response.statusCode, response.data)
  }
  return (response.statusCode === 204 ? undefined : response.data) as T
}
