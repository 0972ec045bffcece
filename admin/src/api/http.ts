import { ElMessage } from 'element-plus'
import { i18n } from '@/locales'

export const DEFAULT_API_BASE = 'http://localhost:3333'

export interface FieldError {
  field: string
  rule: string
  message: string
}

export interface ApiErrorInit {
  status: number
  code: string
  message: string
  details?: Record<string, unknown> | undefined
}

/** Every failed request rejects with this: HTTP status (0 when the server was not reached) and the backend's error code. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined

  constructor(init: ApiErrorInit) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.details = init.details
  }

  /** `details.fields` of a 422 VALIDATION_FAILED answer; empty for other errors. */
  get fieldErrors(): FieldError[] {
    const fields = this.details?.fields
    if (!Array.isArray(fields)) return []
    return fields.filter(isFieldError)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isFieldError(value: unknown): value is FieldError {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.rule === 'string' &&
    typeof value.message === 'string'
  )
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined

/** One page of a keyset-paginated list: pass `nextCursor` back as `?cursor=` until it is null. */
export interface CursorPage<T> {
  data: T[]
  nextCursor: string | null
}

/** One page of a page-numbered list (`?page=&limit=`): the rows and where they sit in the whole. */
export interface NumberedPage<T> {
  data: T[]
  meta: { total: number; page: number; lastPage: number; limit: number }
}

/** `limit` defaults to 20 on the server (max 100); `cursor` is the previous page's `nextCursor`. */
export interface PageRequest {
  limit?: number
  cursor?: string | null
}

/** Drops unset filters (null, undefined, blank text) and trims the rest, so they never reach the query string. */
export function compactQuery(values: Record<string, QueryValue>): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue
    if (typeof value === 'string') {
      const trimmed = value.trim()
      if (trimmed !== '') query[key] = trimmed
      continue
    }
    query[key] = value
  }
  return query
}

export interface RequestOptions {
  method?: HttpMethod
  query?: Record<string, QueryValue>
  /**
   * Sent as JSON; a FormData is sent as multipart/form-data (file uploads); bytes (a Blob, an
   * ArrayBuffer or a typed array) are sent as they are, as application/octet-stream unless
   * `headers` name another Content-Type.
   */
  body?: unknown
  headers?: Record<string, string>
  /** Aborting rejects with the signal's reason (an AbortError), not an ApiError, and shows no toast. */
  signal?: AbortSignal
  /** Send the bearer token (default true). Login sends none. */
  auth?: boolean
  /** Treat a 401 as an expired session: clear it and go to /login (default: same as `auth`). */
  redirectOn401?: boolean
  /** The caller shows the error itself: no toast. */
  silent?: boolean
}

export interface HttpClientOptions {
  baseUrl: () => string
  getToken: () => string | null
  onUnauthorized: (error: ApiError) => void
  notify: (message: string) => void
}

export interface HttpClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  delete<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
}

function isBytes(value: unknown): value is Blob | ArrayBuffer | ArrayBufferView<ArrayBuffer> {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)
}

function buildUrl(base: string, path: string, query: RequestOptions['query']): string {
  const url = new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
  }
  return url.toString()
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
  return text
}

/** Maps a non-2xx answer to an ApiError, using the backend's `{ error: { code, message, details } }` shape when present. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError({
      status,
      code: error.code,
      message: error.message,
      details: isRecord(error.details) ? error.details : undefined,
    })
  }
  return new ApiError({
    status,
    code: `HTTP_${status}`,
    message: i18n.global.t('http.unexpected', { status }),
  })
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  async function request<T>(path: string, init: RequestOptions = {}): Promise<T> {
    const useAuth = init.auth ?? true
    const redirectOn401 = init.redirectOn401 ?? useAuth
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers }
    const token = useAuth ? options.getToken() : null
    if (token) headers.Authorization = `Bearer ${token}`
    let body: string | FormData | Blob | ArrayBuffer | ArrayBufferView<ArrayBuffer> | undefined
    if (init.body instanceof FormData) {
      // fetch writes the multipart Content-Type itself, boundary included.
      body = init.body
    } else if (isBytes(init.body)) {
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/octet-stream'
      body = init.body
    } else if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(init.body)
    }

    const fail = (error: ApiError): never => {
      if (!init.silent) options.notify(error.message)
      if (error.status === 401 && redirectOn401 && token) options.onUnauthorized(error)
      throw error
    }

    let response: Response
    try {
      response = await fetch(buildUrl(options.baseUrl(), path, init.query), {
        method: init.method ?? 'GET',
        headers,
        body,
        signal: init.signal,
      })
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error
      return fail(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: i18n.global.t('http.networkError') }))
    }

    const payload = await readBody(response)
    if (!response.ok) return fail(toApiError(response.status, payload))
    return payload as T
  }

  return {
    request,
    get: (path, opts) => request(path, { ...opts, method: 'GET' }),
    post: (path, body, opts) => request(path, { ...opts, method: 'POST', body }),
    put: (path, body, opts) => request(path, { ...opts, method: 'PUT', body }),
    patch: (path, body, opts) => request(path, { ...opts, method: 'PATCH', body }),
    delete: (path, opts) => request(path, { ...opts, method: 'DELETE' }),
  }
}

export interface SessionHooks {
  getToken: () => string | null
  onUnauthorized: (error: ApiError) => void
}

let session: SessionHooks = { getToken: () => null, onUnauthorized: () => undefined }

/** Connects the shared client to the auth store and router (done once in createAdminApp). */
export function bindHttpSession(hooks: SessionHooks): void {
  session = hooks
}

export function apiBase(): string {
  return import.meta.env.VITE_API_BASE || DEFAULT_API_BASE
}

/** The one HTTP client of the admin. */
export const http = createHttpClient({
  baseUrl: apiBase,
  getToken: () => session.getToken(),
  onUnauthorized: (error) => session.onUnauthorized(error),
  notify: (message) => {
    ElMessage.error({ message, grouping: true, showClose: true })
  },
})
