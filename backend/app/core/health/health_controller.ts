import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import { HealthService } from '#core/health/health_service'

@inject()
export default class HealthController {
  constructor(private health: HealthService) {}

  async show({ response }: HttpContext) {
    const report = await this.health.report()
    return response.status(report.status === 'ok' ? 200 : 503).send(report)
  }
}
