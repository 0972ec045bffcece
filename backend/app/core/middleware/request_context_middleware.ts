import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { logContext } from '#core/logging/log_context'

/**
 * Answers JSON whatever the Accept header says, echoes the request id to the client and makes
 * it the correlation id of every log line written while the request runs.
 */
export default class RequestContextMiddleware {
  handle({ request, response }: HttpContext, next: NextFn) {
    request.request.headers.accept = 'application/json'
    const requestId = request.id() ?? ''
    response.header('X-Request-Id', requestId)
    return logContext.run({ request_id: requestId }, () => next())
  }
}
