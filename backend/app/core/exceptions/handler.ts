import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { renderError } from '#core/exceptions/error_body'

/**
 * Every failure leaves the API in the same shape: { error: { code, message, details?, requestId } }.
 * Stack traces go to the log (with the request id), never to the client.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected override debug = false

  override async handle(error: unknown, ctx: HttpContext) {
    const { status, body, headers } = renderError(error, ctx.request.id())
    for (const [name, value] of Object.entries(headers ?? {})) ctx.response.header(name, value)
    ctx.response.status(status).send(body)
  }

  override async report(error: unknown, ctx: HttpContext) {
    const { status } = renderError(error)
    if (status >= 500) {
      ctx.logger.error({ err: error }, 'unhandled error')
    } else {
      ctx.logger.debug({ status, code: (error as { code?: string }).code }, 'client error')
    }
  }
}
