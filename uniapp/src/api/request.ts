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
  /**
   * With `auth`, sign in again and retry once when the token is rejected. Default true; off for
   * requests whose retry would act on a different session (logging out).
   */
  recover?: boolean
}

export interface UploadOptions {
  /** A local path as uni.chooseImage returns it (a blob: URL on H5). */
  filePath: string
  /** The multipart field name. */
  name: string
  formData?: Record<string, string>
}

/** Every non-2xx answer and every transport failure, as one type. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status; 0 when no response arrived. */
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined
  /** Seconds to wait before trying again (429): `details.retryAfter`, else the Retry-After header. */
  readonly retryAfter: number | undefined

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>, retryAfter?: number) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
    this.retryAfter = retryAfter
  }
}

interface RawResponse {
  statusCode: number
  data: unknown
  header: Record<string, unknown>
}

export function apiBaseUrl(): string {
  const configured = import.meta.env.VITE_API_BASE
  return (configured && configured.length > 0 ? configured : DEFAULT_API_BASE).replace(/\/+$/, '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function headerValue(header: Record<string, unknown> | undefined, name: string): string | undefined {
  // Header names arrive as the server wrote them on mini-programs and lower-cased on H5.
  const key = Object.keys(header ?? {}).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : header?.[key]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

function retryAfterOf(details: Record<string, unknown> | undefined, header: Record<string, unknown> | undefined): number | undefined {
  const fromBody = details?.retryAfter
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return Math.ceil(fromBody)
  return parseRetryAfter(headerValue(header, 'retry-after'))
}

/** Maps a non-2xx response to ApiError, reading `{ error: { code, message, details? } }` when present. */
export function errorFromResponse(status: number, body: unknown, header?: Record<string, unknown>): ApiError {
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = isRecord(error.details) ? error.details : undefined
    return new ApiError(status, error.code, error.message, details, retryAfterOf(details, header))
  }
  return new ApiError(status, `HTTP_${status}`, `Request failed with status ${status}`, undefined, retryAfterOf(undefined, header))
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (data === '') return undefined
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
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
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data, header: isRecord(res.header) ? res.header : {} }),
      fail: (err) => reject(new ApiError(0, 'NETWORK_ERROR', err.errMsg || 'Network request failed')),
    })
  })
}

function sendFile(path: string, options: UploadOptions, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`
  return new Promise((resolve, reject) => {
    uni.uploadFile({
      url: apiBaseUrl() + path,
      filePath: options.filePath,
      name: options.name,
      formData: options.formData,
      header,
      timeout: 60_000,
      // uploadFile hands the body over as text on every platform.
      success: (res) => {
        const raw = res as { statusCode: number; data: unknown; header?: unknown }
        resolve({ statusCode: raw.statusCode, data: parseJson(raw.data), header: isRecord(raw.header) ? raw.header : {} })
      },
      fail: (err) => reject(new ApiError(0, 'NETWORK_ERROR', err.errMsg || 'Upload failed')),
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

/**
 * Only a rejected token is worth a new sign-in. Other 401s (a wrong SMS code, say) are answers
 * about the request itself, and repeating it would count against the viewer.
 */
function isRejectedToken(response: RawResponse): boolean {
  if (response.statusCode !== 401) return false
  const code = errorFromResponse(response.statusCode, response.data).code
  return code === 'UNAUTHENTICATED' || code === 'HTTP_401'
}

async function call<T>(
  transport: (token: string | null) => Promise<RawResponse>,
  options: { auth?: boolean; recover?: boolean },
): Promise<T> {
  const useAuth = options.auth !== false
  const token = useAuth ? getToken() : null
  let response = await transport(token)
  if (useAuth && options.recover !== false && unauthorizedHandler && isRejectedToken(response)) {
    await recoverSession(unauthorizedHandler, token)
    response = await transport(getToken())
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw errorFromResponse(response.statusCode, response.data, response.header)
  }
  return (response.statusCode === 204 ? undefined : response.data) as T
}

/** Calls the Duanju API and returns the parsed JSON body; throws ApiError otherwise. */
export function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return call<T>((token) => send(path, options, token), options)
}

/** Uploads one file as multipart/form-data (uni.uploadFile), with the same token, recovery and errors. */
export function upload<T>(path: string, options: UploadOptions): Promise<T> {
  return call<T>((token) => sendFile(path, options, token), {})
}
