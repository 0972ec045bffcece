import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#core/exceptions/handler'
import { AppError } from '#core/exceptions/app_error'

test.group('Error shape', () => {
  test('unknown route → 404 NOT_FOUND with the request id', async ({ client, assert }) => {
    const res = await client.get('/api/v1/no-such-thing')
    res.assertStatus(404)
    assert.equal(res.body().error.code, 'NOT_FOUND')
    assert.isString(res.body().error.message)
    assert.equal(res.body().error.requestId, res.header('x-request-id'))
  })

  test('invalid fields → 422 VALIDATION_FAILED listing each field', async ({ client, assert }) => {
    const res = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'x', platform: 'windows-phone' })
    res.assertStatus(422)
    const { code, details } = res.body().error
    assert.equal(code, 'VALIDATION_FAILED')
    const fields = details.fields.map((f: any) => f.field).sort()
    assert.deepEqual(fields, ['deviceId', 'platform'])
    for (const field of details.fields) {
      assert.isString(field.rule)
      assert.isString(field.message)
    }
  })

  test('malformed JSON → 400 BAD_REQUEST', async ({ client, assert }) => {
    const res = await client.post('/api/v1/auth/guest').unsafeJson('{"deviceId":')
    res.assertStatus(400)
    assert.equal(res.body().error.code, 'BAD_REQUEST')
  })

  test('oversized JSON body → 413 PAYLOAD_TOO_LARGE', async ({ client, assert }) => {
    const res = await client
      .post('/api/v1/auth/guest')
      .json({ deviceId: 'a'.repeat(400 * 1024), platform: 'h5' })
    res.assertStatus(413)
    assert.equal(res.body().error.code, 'PAYLOAD_TOO_LARGE')
  })

  test('an unexpected exception → 500 INTERNAL_ERROR without message or stack', async ({
    assert,
  }) => {
    const ctx = await testUtils.createHttpContext()
    const secret = new Error('connection string postgres://root:hunter2@db leaked')
    await new HttpExceptionHandler().handle(secret, ctx)
    const status = ctx.response.getStatus()
    const body = ctx.response.getBody() as any
    assert.equal(status, 500)
    assert.equal(body.error.code, 'INTERNAL_ERROR')
    const text = JSON.stringify(body)
    assert.notInclude(text, 'hunter2')
    assert.notInclude(text, 'stack')
    assert.notInclude(text, '.ts:')
  })

  test('an AppError keeps its status, code and details', async ({ assert }) => {
    const ctx = await testUtils.createHttpContext()
    await new HttpExceptionHandler().handle(
      new AppError(402, 'EPISODE_LOCKED', 'Unlock this episode first', { price: 60 }),
      ctx
    )
    assert.equal(ctx.response.getStatus(), 402)
    assert.deepInclude((ctx.response.getBody() as any).error, {
      code: 'EPISODE_LOCKED',
      message: 'Unlock this episode first',
      details: { price: 60 },
    })
  })
})
