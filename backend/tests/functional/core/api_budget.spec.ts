import { test } from '@japa/runner'
import env from '#start/env'
import { guest } from '#tests/helpers/accounts'

test.group('API budget', () => {
  test('a signed-in viewer gets twice the per-IP budget per minute, then 429 RATE_LIMITED with Retry-After', async ({
    client,
    assert,
  }) => {
    const viewer = await guest(client)
    const budget = env.get('RATE_LIMIT_API_PER_MINUTE', 300) * 2
    const first = await client.get('/api/v1/me').bearerToken(viewer.token)
    first.assertStatus(200)
    assert.equal(first.header('x-ratelimit-limit'), String(budget))
    assert.equal(first.header('x-ratelimit-remaining'), String(budget - 1))

    let last = first
    for (let i = 1; i < budget; i++) last = await client.get('/api/v1/me').bearerToken(viewer.token)
    last.assertStatus(200)
    assert.equal(last.header('x-ratelimit-remaining'), '0')

    const over = await client.get('/api/v1/me').bearerToken(viewer.token)
    over.assertStatus(429)
    assert.equal(over.body().error.code, 'RATE_LIMITED')
    const retryAfter = Number(over.header('retry-after'))
    assert.isAbove(retryAfter, 0)
    assert.isAtMost(retryAfter, 60)

    // Another viewer on the same address has their own budget.
    const other = await guest(client)
    ;(await client.get('/api/v1/me').bearerToken(other.token)).assertStatus(200)
  }).timeout(60_000)
})
