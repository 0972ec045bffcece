import { test } from '@japa/runner'
import { writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import { guest } from '#tests/helpers/accounts'

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7e8a3b80000000049454e44ae426082',
  'hex'
)

async function tempFile(name: string, bytes: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'avatar-'))
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

test.group('Profile and settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PATCH and PUT /me change nickname and settings of the caller only', async ({
    client,
    assert,
  }) => {
    const me = await guest(client)
    const other = await guest(client)
    const res = await client
      .patch('/api/v1/me')
      .bearerToken(me.token)
      .json({ nickname: '追剧小能手', settings: { danmuEnabled: false, playbackSpeed: 1.5 } })
    res.assertStatus(200)
    assert.equal(res.body().user.nickname, '追剧小能手')
    assert.deepEqual(res.body().user.settings, {
      autoUnlock: false,
      danmuEnabled: false,
      playbackSpeed: 1.5,
      preferredQuality: 'auto',
    })

    const put = await client
      .put('/api/v1/me')
      .bearerToken(me.token)
      .json({ settings: { autoUnlock: true, preferredQuality: '720p' } })
    assert.deepEqual(put.body().user.settings, {
      autoUnlock: true,
      danmuEnabled: false,
      playbackSpeed: 1.5,
      preferredQuality: '720p',
    })

    const untouched = await client.get('/api/v1/me').bearerToken(other.token)
    assert.equal(untouched.body().user.nickname, other.user.nickname)
    assert.isTrue(untouched.body().user.settings.danmuEnabled)
  })

  const invalid: [string, object][] = [
    ['an empty nickname', { nickname: '   ' }],
    ['a 21-character nickname', { nickname: '一'.repeat(21) }],
    ['a control character', { nickname: 'a\u0007b' }],
    ['speed 5x', { settings: { playbackSpeed: 5 } }],
    ['speed 1.1x', { settings: { playbackSpeed: 1.1 } }],
    ['quality 4k', { settings: { preferredQuality: '4k' } }],
    ['autoUnlock as a string', { settings: { autoUnlock: 'yes' } }],
  ]
  for (const [title, body] of invalid) {
    test(`422 for ${title}`, async ({ client, assert }) => {
      const me = await guest(client)
      const res = await client.patch('/api/v1/me').bearerToken(me.token).json(body)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED')
    })
  }

  test('an uploaded PNG becomes the avatar and is served back', async ({ client, assert }) => {
    const me = await guest(client)
    const res = await client
      .post('/api/v1/me/avatar')
      .bearerToken(me.token)
      .file('avatar', await tempFile('me.png', PNG))
    res.assertStatus(200)
    const url = new URL(res.body().user.avatarUrl)
    assert.match(url.pathname, new RegExp(`^/api/v1/avatars/${me.user.id}/[\\w-]+\\.png$`))
    const image = await client.get(url.pathname)
    image.assertStatus(200)
    assert.equal(image.header('content-type'), 'image/png')
  })

  test('a file that is not an image is refused, whatever its name', async ({ client, assert }) => {
    const me = await guest(client)
    const res = await client
      .post('/api/v1/me/avatar')
      .bearerToken(me.token)
      .file('avatar', await tempFile('evil.png', Buffer.from('<script>alert(1)</script>')))
    res.assertStatus(422)
    assert.equal(res.body().error.code, 'AVATAR_INVALID')
  })

  test('an image over 2 MB → 413, a missing file → 422', async ({ client, assert }) => {
    const me = await guest(client)
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
    const res = await client
      .post('/api/v1/me/avatar')
      .bearerToken(me.token)
      .file('avatar', await tempFile('big.png', big))
    res.assertStatus(413)
    assert.equal(res.body().error.code, 'PAYLOAD_TOO_LARGE')
    const none = await client.post('/api/v1/me/avatar').bearerToken(me.token).field('x', '1')
    none.assertStatus(422)
  })

  test('unknown avatars are 404', async ({ client }) => {
    ;(await client.get('/api/v1/avatars/1/nope.png')).assertStatus(404)
    ;(await client.get('/api/v1/avatars/1/..%2F..%2Fetc%2Fpasswd')).assertStatus(404)
  })

  test('every /me endpoint needs a viewer token', async ({ client }) => {
    ;(await client.get('/api/v1/me')).assertStatus(401)
    ;(await client.patch('/api/v1/me').json({ nickname: 'x' })).assertStatus(401)
    ;(await client.put('/api/v1/me').json({ nickname: 'x' })).assertStatus(401)
    ;(await client.post('/api/v1/me/avatar')).assertStatus(401)
    ;(await client.post('/api/v1/auth/logout')).assertStatus(401)
    ;(await client.post('/api/v1/auth/wechat-mp/phone').json({ code: 'x' })).assertStatus(401)
  })
})
