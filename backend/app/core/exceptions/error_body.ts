/** The one JSON error shape of the API (see docs/api.md). */
export interface ErrorBody {
  error: {
    code: string
    message: string
    details?: Record<string, unknown>
    requestId?: string
  }
}

export interface FieldError {
  field: string
  rule: string
  message: string
}

interface Rendered {
  status: number
  body: ErrorBody
  headers?: Record<string, string>
}

type AnyError = Error & {
  code?: string
  status?: number
  details?: Record<string, unknown>
  messages?: unknown
  response?: { availableIn?: number }
  getDefaultHeaders?: () => Record<string, string | number>
  identifier?: string
}

/**
 * Adonis, Lucid, VineJS, Bouncer and the limiter each throw their own exceptions. This table
 * maps them to our stable codes; anything not listed is an unexpected failure (500).
 */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; message?: string }> = {
  E_ROUTE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: 'No such endpoint' },
  E_ROW_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: 'Resource not found' },
  E_UNAUTHORIZED_ACCESS: { status: 401, code: 'UNAUTHENTICATED', message: 'Sign in first' },
  E_AUTHORIZATION_FAILURE: {
    status: 403,
    code: 'FORBIDDEN',
    message: 'You are not allowed to do this',
  },
  E_TOO_MANY_REQUESTS: {
    status: 429,
    code: 'RATE_LIMITED',
    message: 'Too many requests, slow down',
  },
  E_REQUEST_ENTITY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'Request body is too large',
  },
  E_INVALID_CREDENTIALS: {
    status: 401,
    code: 'INVALID_CREDENTIALS',
    message: 'Wrong account or password',
  },
  E_HTTP_REQUEST_ABORTED: { status: 400, code: 'BAD_REQUEST', message: 'Request aborted' },
}

function fieldErrors(messages: unknown): FieldError[] {
  if (!Array.isArray(messages)) return []
  return messages.map((m: { field?: string; rule?: string; message?: string }) => ({
    field: String(m.field ?? ''),
    rule: String(m.rule ?? 'invalid'),
    message: String(m.message ?? 'Invalid value'),
  }))
}

export function renderError(error: unknown, requestId?: string): Rendered {
  const err = (error instanceof Error ? error : new Error(String(error))) as AnyError
  const withId = (body: ErrorBody['error']): ErrorBody => ({
    error: requestId ? { ...body, requestId } : body,
  })

  if (err.code === 'E_VALIDATION_ERROR') {
    return {
      status: 422,
      body: withId({
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid',
        details: { fields: fieldErrors(err.messages) },
      }),
    }
  }

  const known = err.code ? FRAMEWORK_CODES[err.code] : undefined
  if (known) {
    if (known.status === 429) {
      // The limiter's exception knows when the key frees up.
      const headers = Object.fromEntries(
        Object.entries(err.getDefaultHeaders?.() ?? {}).map(([k, v]) => [k, String(v)])
      )
      const retryAfter = Number(headers['Retry-After'] ?? err.response?.availableIn ?? 60)
      return {
        status: 429,
        body: withId({ code: known.code, message: known.message!, details: { retryAfter } }),
        headers: { ...headers, 'Retry-After': String(retryAfter) },
      }
    }
    return {
      status: known.status,
      body: withId({ code: known.code, message: known.message ?? err.message }),
    }
  }

  // Body parser: malformed JSON is a SyntaxError with status 400 from the parser.
  if (err.status === 400 && (err.name === 'SyntaxError' || /json/i.test(err.message))) {
    return { status: 400, body: withId({ code: 'BAD_REQUEST', message: 'Malformed request body' }) }
  }
  if (err.status === 413) {
    return {
      status: 413,
      body: withId({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' }),
    }
  }

  // Our own AppError, or any exception that carries a client status and a string code.
  // 5xx AppErrors (an upstream vendor down, a service not configured) keep their code too.
  const status = typeof err.status === 'number' ? err.status : 500
  const ownCode =
    err.code && /^[A-Z][A-Z0-9_]+$/.test(err.code) && !err.code.startsWith('E_') ? err.code : null
  if ((status >= 400 && status < 500) || (status > 500 && ownCode)) {
    const retryAfter = status === 429 ? Number(err.details?.retryAfter ?? 60) : undefined
    return {
      status,
      body: withId({
        code: ownCode ?? statusCode(status),
        message: err.message || 'Bad request',
        ...(err.details ? { details: err.details } : {}),
      }),
      ...(retryAfter !== undefined ? { headers: { 'Retry-After': String(retryAfter) } } : {}),
    }
  }

  return {
    status: 500,
    body: withId({
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. It has been logged.',
    }),
  }
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST'
    case 401:
      return 'UNAUTHENTICATED'
    case 403:
      return 'FORBIDDEN'
    case 404:
      return 'NOT_FOUND'
    case 405:
      return 'METHOD_NOT_ALLOWED'
    case 409:
      return 'CONFLICT'
    case 413:
      return 'PAYLOAD_TOO_LARGE'
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE'
    case 422:
      return 'VALIDATION_FAILED'
    case 429:
      return 'RATE_LIMITED'
    default:
      return 'BAD_REQUEST'
  }
}
