import { test } from '@japa/runner'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { OssStorageDriver, OssStorageError, type OssStorageOptions } from '#core/storage/oss_driver'
import { InvalidStorageKeyError } from '#core/storage/types'
import { FakeOssServer } from '#tests/fixtures/oss_server'

function driverFor(server: FakeOssServer, overrides: Partial<OssStorageOptions> = {}) {
  return new OssStorageDriver({
    region: 'cn-hangzhou',
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    accessKeySecret: server.accessKeySecret,
    endpoint: server.endpoint,
    cname: true,
    timeoutMs: 5000,
    ...overrides,
  })
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject')
}

async function readAll(stream: Readable) {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

test.group('OssStorageDriver (ali-oss against a signature-checking fake OSS)', (group) => {
  let server: FakeOssServer
  let driver: OssStorageDriver

  group.each.setup(async () => {
    server = await FakeOssServer.start()
    driver = driverFor(server)
    return () => server.close()
  })

  test('put, get, stat, exists and delete round trip', async ({ assert }) => {
    const text = await driver.put('dramas/1/intro.txt', 'hello 短剧')
    assert.equal(text.key, 'dramas/1/intro.txt')
    assert.equal(text.size, Buffer.byteLength('hello 短剧'))

    const bytes = randomBytes(4096)
    const binary = await driver.put('dramas/1/cover 封面+1.bin', bytes, {
      contentType: 'image/webp',
    })
    assert.deepInclude(binary, {
      key: 'dramas/1/cover 封面+1.bin',
      size: 4096,
      contentType: 'image/webp',
    })

    const streamed = await driver.put(
      'dramas/1/ep1/index.m3u8',
      Readable.from([Buffer.from('#EXTM3U\n'), Buffer.from('#EXT-X-ENDLIST\n')])
    )
    assert.equal(streamed.size, 23)

    const introBack = await driver.getBuffer('dramas/1/intro.txt')
    assert.equal(introBack.toString(), 'hello 短剧')
    const coverBack = await driver.getBuffer('dramas/1/cover 封面+1.bin')
    assert.isTrue(coverBack.equals(bytes))
    const playlistBack = await readAll(await driver.getStream('dramas/1/ep1/index.m3u8'))
    assert.equal(playlistBack.toString(), '#EXTM3U\n#EXT-X-ENDLIST\n')

    const info = await driver.stat('dramas/1/cover 封面+1.bin')
    assert.deepInclude(info, {
      key: 'dramas/1/cover 封面+1.bin',
      size: 4096,
      contentType: 'image/webp',
    })
    assert.instanceOf(info?.lastModified, Date)
    // Without an explicit type, the key's extension decides (as OSS consoles show it).
    const playlistInfo = await driver.stat('dramas/1/ep1/index.m3u8')
    assert.equal(playlistInfo?.contentType, 'application/vnd.apple.mpegurl')
    assert.equal(server.objects.get('dramas/1/intro.txt')?.contentType, 'text/plain')

    assert.isTrue(await driver.exists('dramas/1/intro.txt'))
    await driver.delete('dramas/1/intro.txt')
    assert.isFalse(await driver.exists('dramas/1/intro.txt'))
    assert.isFalse(server.objects.has('dramas/1/intro.txt'))
    // Deleting again is not an error.
    await driver.delete('dramas/1/intro.txt')

    assert.isTrue(server.requests.every((request) => request.auth === 'header'))
  })

  test('a body stream that fails aborts the upload', async ({ assert }) => {
    async function* broken() {
      yield Buffer.from('first chunk')
      await new Promise((resolve) => setTimeout(resolve, 20))
      throw new Error('transcoder output vanished')
    }
    const error = await rejection(driver.put('dramas/1/ep1/seg0.ts', Readable.from(broken())))
    assert.instanceOf(error, OssStorageError)
    assert.equal((error as OssStorageError).code, 'BodyStreamError')
    assert.include(error.message, 'transcoder output vanished')
    assert.isFalse(server.objects.has('dramas/1/ep1/seg0.ts'))
  })

  test('a missing key: stat is null, reads fail with NoSuchKey', async ({ assert }) => {
    assert.isNull(await driver.stat('nope/missing.mp4'))
    assert.isFalse(await driver.exists('nope/missing.mp4'))

    const read = await rejection(driver.getBuffer('nope/missing.mp4'))
    assert.instanceOf(read, OssStorageError)
    assert.equal((read as OssStorageError).code, 'NoSuchKey')
    assert.isTrue((read as OssStorageError).notFound)
    assert.match(read.message, /NoSuchKey \(HTTP 404\).*\[request id [0-9A-F]{24}\]/)

    const stream = await rejection(driver.getStream('nope/missing.mp4'))
    assert.equal((stream as OssStorageError).status, 404)
  })

  test('invalid keys are refused before any request', async ({ assert }) => {
    await assert.rejects(() => driver.put('../escape', 'x'), InvalidStorageKeyError)
    await assert.rejects(() => driver.stat('/absolute'), InvalidStorageKeyError)
    assert.throws(() => driver.signedUrl('a//b', 60), InvalidStorageKeyError)
    assert.lengthOf(server.requests, 0)
  })

  test('putFile: a small file is one PUT, a large one a multipart upload', async ({
    assert,
    cleanup,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-driver-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))

    const small = randomBytes(200 * 1024)
    await writeFile(join(dir, 'small.partial'), small)
    const smallResult = await driver.putFile('dramas/2/poster.jpg', join(dir, 'small.partial'))
    assert.equal(smallResult.size, small.length)
    assert.isTrue(server.objects.get('dramas/2/poster.jpg')?.body.equals(small))
    // The type comes from the key, not from the temporary file's name.
    assert.equal(server.objects.get('dramas/2/poster.jpg')?.contentType, 'image/jpeg')
    assert.isFalse(server.requests.some((request) => 'uploads' in request.query))

    // Default threshold 16 MiB, parts of 8 MiB: 20 MiB goes as 3 parts.
    const large = randomBytes(20 * 1024 * 1024)
    await writeFile(join(dir, 'large.tmp'), large)
    const largeResult = await driver.putFile('dramas/2/ep1/source.mp4', join(dir, 'large.tmp'))
    assert.equal(largeResult.size, large.length)

    const multipart = server.requests.filter((request) => request.key === 'dramas/2/ep1/source.mp4')
    assert.lengthOf(
      multipart.filter((request) => request.method === 'POST' && 'uploads' in request.query),
      1
    )
    assert.sameMembers(
      multipart
        .filter((request) => request.method === 'PUT')
        .map((request) => request.query.partNumber),
      ['1', '2', '3']
    )
    assert.lengthOf(
      multipart.filter((request) => request.method === 'POST' && 'uploadId' in request.query),
      1
    )
    assert.isTrue(multipart.every((request) => request.status === 200))

    const stored = server.objects.get('dramas/2/ep1/source.mp4')
    assert.equal(stored?.etag.endsWith('-3"'), true)
    assert.equal(sha256(stored!.body), sha256(large))
    assert.equal(stored?.contentType, 'video/mp4')
    assert.equal(server.uploads.size, 0)
    const largeInfo = await driver.stat('dramas/2/ep1/source.mp4')
    assert.equal(largeInfo?.size, large.length)
  })

  test('putFile: a failed part aborts the multipart upload', async ({ assert, cleanup }) => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-driver-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    await writeFile(join(dir, 'large.tmp'), randomBytes(17 * 1024 * 1024))

    server.failOnce((request) => request.method === 'PUT' && request.query.partNumber === '2')
    const error = await rejection(driver.putFile('dramas/3/source.mp4', join(dir, 'large.tmp')))
    assert.instanceOf(error, OssStorageError)
    assert.equal((error as OssStorageError).code, 'InternalError')
    assert.equal((error as OssStorageError).status, 500)

    assert.isFalse(server.objects.has('dramas/3/source.mp4'))
    assert.equal(server.uploads.size, 0, 'the upload was aborted')
    assert.isTrue(
      server.requests.some(
        (request) =>
          request.method === 'DELETE' && 'uploadId' in request.query && request.status === 204
      )
    )
  })

  test('list pages through the bucket and reads a prefix as a folder', async ({ assert }) => {
    server.maxKeysPerPage = 2
    for (const key of [
      'dramas/1/a.ts',
      'dramas/1/b.ts',
      'dramas/1/sub/c.ts',
      'dramas/10/x.ts',
      'other/y.ts',
    ]) {
      await driver.put(key, key)
    }

    const listed = await driver.list('dramas/1')
    assert.deepEqual(
      listed.map((object) => [object.key, object.size]),
      [
        ['dramas/1/a.ts', 13],
        ['dramas/1/b.ts', 13],
        ['dramas/1/sub/c.ts', 17],
      ]
    )
    assert.isTrue(listed.every((object) => object.lastModified instanceof Date))
    const pages = server.requests.filter(
      (request) => request.key === '' && request.method === 'GET'
    )
    assert.lengthOf(pages, 2, 'two pages of at most 2 keys')
    assert.equal(pages[0]!.query['list-type'], '2')
    assert.isDefined(pages[1]!.query['continuation-token'])

    assert.deepEqual(await driver.list('dramas/1/'), listed)
    assert.lengthOf(await driver.list(''), 5)
    assert.deepEqual(await driver.list('nothing/here'), [])
  })

  test('deletePrefix removes one folder in batches of at most 1000 keys', async ({ assert }) => {
    for (let index = 0; index < 1005; index++) {
      const body = Buffer.from(`segment ${index}`)
      server.objects.set(`dramas/7/hls/${String(index).padStart(4, '0')}.ts`, {
        body,
        contentType: 'video/mp2t',
        etag: '"0"',
        lastModified: new Date(),
      })
    }
    await driver.put('dramas/70/keep.ts', 'keep')
    await driver.put('dramas/7.ts', 'keep too')

    assert.equal(await driver.deletePrefix('dramas/7'), 1005)
    assert.deepEqual([...server.objects.keys()].sort(), ['dramas/7.ts', 'dramas/70/keep.ts'])
    const batches = server.requests.filter(
      (request) => request.method === 'POST' && 'delete' in request.query
    )
    assert.lengthOf(batches, 2)
    assert.isTrue(batches.every((request) => request.status === 200))

    assert.equal(await driver.deletePrefix('dramas/7/'), 0)
    await assert.rejects(() => driver.deletePrefix(''), InvalidStorageKeyError)
    await assert.rejects(() => driver.deletePrefix('/'), InvalidStorageKeyError)
  })

  test('a client with the wrong secret or key id is refused by the signature check', async ({
    assert,
  }) => {
    await driver.put('private/report.txt', 'secret')

    const wrongSecret = driverFor(server, { accessKeySecret: 'not-the-secret' })
    const put = await rejection(wrongSecret.put('private/other.txt', 'x'))
    assert.instanceOf(put, OssStorageError)
    assert.equal((put as OssStorageError).code, 'SignatureDoesNotMatch')
    assert.equal((put as OssStorageError).status, 403)
    assert.match(put.message, /request id [0-9A-F]{24}/)
    assert.isFalse(server.objects.has('private/other.txt'))

    // A refused HEAD is an error, not "missing".
    const head = await rejection(wrongSecret.stat('private/report.txt'))
    assert.equal((head as OssStorageError).code, 'SignatureDoesNotMatch')
    const get = await rejection(wrongSecret.getBuffer('private/report.txt'))
    assert.equal((get as OssStorageError).code, 'SignatureDoesNotMatch')
    const list = await rejection(wrongSecret.list('private'))
    assert.equal((list as OssStorageError).code, 'SignatureDoesNotMatch')

    const wrongId = driverFor(server, { accessKeyId: 'LTAI-someone-else' })
    assert.equal(
      ((await rejection(wrongId.getBuffer('private/report.txt'))) as OssStorageError).code,
      'InvalidAccessKeyId'
    )

    // Unsigned requests do not get through either: the bucket is private.
    const anonymous = await fetch(`${server.endpoint}/private/report.txt`)
    assert.equal(anonymous.status, 403)
    assert.include(await anonymous.text(), '<Code>AccessDenied</Code>')
  })

  test('signedUrl: fetchable until it expires, useless once tampered with', async ({ assert }) => {
    const bytes = randomBytes(1024)
    await driver.put('dramas/5/ep 1/seg 第1.ts', bytes)

    const url = driver.signedUrl('dramas/5/ep 1/seg 第1.ts', 600)
    const parsed = new URL(url)
    assert.equal(parsed.origin, server.endpoint)
    assert.equal(parsed.searchParams.get('OSSAccessKeyId'), server.accessKeyId)
    assert.match(parsed.searchParams.get('Signature') ?? '', /^[A-Za-z0-9+/]{27}=$/)
    const expires = Number(parsed.searchParams.get('Expires'))
    assert.closeTo(expires, Math.floor(Date.now() / 1000) + 600, 2)
    assert.notInclude(url, server.accessKeySecret)

    const response = await fetch(url)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'video/mp2t')
    assert.isTrue(Buffer.from(await response.arrayBuffer()).equals(bytes))
    assert.equal(server.requests.at(-1)?.auth, 'query')

    const forged = new URL(url)
    forged.searchParams.set('Signature', Buffer.alloc(20, 1).toString('base64'))
    const forgedResponse = await fetch(forged)
    assert.equal(forgedResponse.status, 403)
    assert.include(await forgedResponse.text(), '<Code>SignatureDoesNotMatch</Code>')

    const extended = new URL(url)
    extended.searchParams.set('Expires', String(expires + 3600))
    const extendedResponse = await fetch(extended)
    assert.equal(extendedResponse.status, 403)

    const otherObject = new URL(url)
    otherObject.pathname = '/dramas/5/ep%201/other.ts'
    const otherResponse = await fetch(otherObject)
    assert.equal(otherResponse.status, 403)

    // ali-oss rounds "now" when computing Expires, so step a little past the lifetime.
    server.clockOffsetMs = 605_000
    const expired = await fetch(url)
    assert.equal(expired.status, 403)
    const expiredBody = await expired.text()
    assert.include(expiredBody, '<Code>AccessDenied</Code>')
    assert.include(expiredBody, 'Request has expired.')
  })

  test('signedUrl for PUT binds the content type', async ({ assert }) => {
    const url = driver.signedUrl('uploads/u1/avatar.png', 300, {
      method: 'PUT',
      contentType: 'image/png',
    })

    const wrongType = await fetch(url, {
      method: 'PUT',
      body: 'x',
      headers: { 'Content-Type': 'image/gif' },
    })
    assert.equal(wrongType.status, 403)
    assert.isFalse(server.objects.has('uploads/u1/avatar.png'))

    const upload = await fetch(url, {
      method: 'PUT',
      body: 'png bytes',
      headers: { 'Content-Type': 'image/png' },
    })
    assert.equal(upload.status, 200)
    const uploaded = await driver.getBuffer('uploads/u1/avatar.png')
    assert.equal(uploaded.toString(), 'png bytes')
    const uploadedInfo = await driver.stat('uploads/u1/avatar.png')
    assert.equal(uploadedInfo?.contentType, 'image/png')

    // A GET URL does not allow uploads.
    const getUrl = driver.signedUrl('uploads/u1/avatar.png', 300)
    const overwrite = await fetch(getUrl, { method: 'PUT', body: 'overwrite' })
    assert.equal(overwrite.status, 403)
    assert.throws(() => driver.signedUrl('uploads/u1/avatar.png', 0), RangeError)
  })

  test('health writes, reads and deletes a probe; not ok when OSS is unreachable', async ({
    assert,
  }) => {
    const healthy = await driver.health()
    assert.equal(healthy.driver, 'oss')
    assert.isTrue(healthy.ok, healthy.message)
    const probes = server.requests.filter((request) => request.key.startsWith('.health/'))
    assert.deepEqual(
      probes.map((request) => request.method),
      ['PUT', 'GET', 'DELETE']
    )
    assert.equal(server.objects.size, 0, 'the probe object was removed')

    const refused = await driverFor(server, { accessKeySecret: 'wrong' }).health()
    assert.isFalse(refused.ok)
    assert.include(refused.message, 'SignatureDoesNotMatch')

    await server.close()
    const down = await driver.health()
    assert.deepInclude(down, { driver: 'oss', ok: false })
    assert.match(down.message ?? '', /^OSS put "\.health\/.+" failed: /)
  })
})
