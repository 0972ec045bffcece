import { test } from '@japa/runner'

test.group('GET /health', () => {
  test('checks PostgreSQL, Redis, storage and the bee queue', async ({ client, assert }) => {
    const res = await client.get('/health')
    res.assertStatus(200)
    const body = res.body()
    assert.equal(body.status, 'ok')
    assert.deepInclude(body.checks.database, { status: 'ok', driver: 'pg' })
    assert.equal(body.checks.redis.status, 'ok')
    assert.deepInclude(body.checks.storage, { status: 'ok', driver: 'local' })
    assert.deepInclude(body.checks.queue, { status: 'ok', driver: 'bee' })
    for (const check of Object.values(body.checks) as any[]) assert.isNumber(check.latencyMs)
  })
})
