import { Exception } from '@adonisjs/core/exceptions'

/**
 * A failure the client should see: stable `code`, HTTP `status`, human `message` and optional
 * `details`. Services throw these; the exception handler renders them in the one error shape.
 */
export class AppError extends Exception {
  declare details?: Record<string, unknown>

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message, { status, code })
    if (details) this.details = details
  }

  static notFound(message = 'Resource not found', details?: Record<string, unknown>) {
    return new AppError(404, 'NOT_FOUND', message, details)
  }

  static forbidden(message = 'You are not allowed to do this', details?: Record<string, unknown>) {
    return new AppError(403, 'FORBIDDEN', message, details)
  }

  static unauthenticated(message = 'Sign in first') {
    return new AppError(401, 'UNAUTHENTICATED', message)
  }

  /** 422 VALIDATION_FAILED for checks a validator cannot express (one field, one rule). */
  static invalid(field: string, rule: string, message: string) {
    return new AppError(422, 'VALIDATION_FAILED', 'Some fields are invalid', {
      fields: [{ field, rule, message }],
    })
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>) {
    return new AppError(409, code, message, details)
  }
}
