import { writeFile } from 'node:fs/promises'
import { assert } from '@japa/assert'
import { apiClient, ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'

/**
 * Each test request comes from its own address (X-Forwarded-For, trusted from loopback), so the
 * per-IP rate limits only bite in the tests that set one address on purpose.
 */
ApiClient.setup((request) => {
  const headers = (request as unknown as { request: { _header?: Record<string, string> } }).request
    ._header
  if (!headers?.['x-forwarded-for']) {
    const octet = () => Math.floor(Math.random() * 254) + 1
    request.header('x-forwarded-for', `198.18.${octet()}.${octet()}`)
  }
})

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [
    // scripts/test.mjs adds every suite's counts into one "N passed, N failed" line.
    async (runner) => {
      const file = process.env.TEST_SUMMARY_FILE
      if (!file) return
      const { aggregates } = runner.getSummary()
      await writeFile(file, JSON.stringify(aggregates))
    },
  ],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
