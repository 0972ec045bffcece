import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { staffToken } from '#tests/helpers/accounts'
import { makeCategory, makeReady, uid } from '#tests/helpers/catalog'
import { DramaAdminService } from '#modules/catalog/services/drama_admin_service'
import { EpisodeAdminService } from '#modules/catalog/services/episode_admin_service'
import { dbTime } from '#core/database/time'

test.group('Admin catalog: dramas, episodes, publishing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function newDrama(client: any, token: string, extra: object = {}) {
    const category = await makeCategory()
    const res = await client
      .post('/admin/v1/dramas')
      .bearerToken(token)
      .json({
        title: `总裁的契约新娘${uid()}`,
        synopsis: '一纸契约，两个人的命运从此纠缠。',
        categoryIds: [category.id],
        tags: ['甜宠', '总裁'],
        cast: [{ name: '林晚', role: '女主' }],
        freeEpisodes: 3,
        episodePriceCoins: 80,
        seriesPriceCoins: 2000,
        plannedEpisodes: 10,
        rating: 87,
        ...extra,
      })
    res.assertStatus(201)
    return { drama: res.body().drama, category }
  }

  test('create → episodes → publish refused without a ready episode → publish → visible to viewers', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const { drama, category } = await newDrama(client, token)
    assert.equal(drama.state, 'draft')
    assert.deepEqual(
      drama.categories.map((c: any) => c.id),
      [category.id]
    )

    const ids: number[] = []
    for (let n = 1; n <= 6; n++) {
      const ep = await client
        .post(`/admin/v1/dramas/${drama.id}/episodes`)
        .bearerToken(token)
        .json({ title: `第${n}集`, durationSec: 95 })
      ep.assertStatus(201)
      assert.equal(ep.body().episode.number, n)
      ids.push(ep.body().episode.id)
    }
    const dup = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes`)
      .bearerToken(token)
      .json({ number: 2 })
    dup.assertStatus(409)
    assert.equal(dup.body().error.code, 'EPISODE_NUMBER_TAKEN')

    const refused = await client
      .post(`/admin/v1/dramas/${drama.id}/publish`)
      .bearerToken(token)
      .json({})
    refused.assertStatus(409)
    assert.equal(refused.body().error.code, 'NO_READY_EPISODE')
    assert.match(refused.body().error.message, /ready episode/)
    ;(await client.get(`/api/v1/dramas/${drama.id}`)).assertStatus(404)

    for (const id of ids.slice(0, 4)) await makeReady(id)
    const published = await client
      .post(`/admin/v1/dramas/${drama.id}/publish`)
      .bearerToken(token)
      .json({})
    published.assertStatus(200)
    assert.equal(published.body().drama.state, 'published')

    const page = await client.get(`/api/v1/dramas/${drama.id}`)
    page.assertStatus(200)
    assert.deepEqual(
      page.body().episodes.map((e: any) => [e.number, e.access, e.priceCoins]),
      [
        [1, 'free', 0],
        [2, 'free', 0],
        [3, 'free', 0],
        [4, 'locked', 80],
      ],
      'only the 4 ready episodes went live; 3 free by the drama rule'
    )
    assert.equal(page.body().title, drama.title)
    const list = await client.get('/api/v1/dramas').qs({ category: category.slug })
    assert.deepEqual(
      list.body().data.map((d: any) => d.id),
      [drama.id]
    )

    const again = await client
      .post(`/admin/v1/dramas/${drama.id}/publish`)
      .bearerToken(token)
      .json({})
    assert.equal(again.body().error.code, 'ALREADY_PUBLISHED')

    ;(await client.post(`/admin/v1/dramas/${drama.id}/unpublish`).bearerToken(token)).assertStatus(
      200
    )
    ;(await client.get(`/api/v1/dramas/${drama.id}`)).assertStatus(404)
    const bad = await client.post(`/admin/v1/dramas/${drama.id}/unpublish`).bearerToken(token)
    bad.assertStatus(409)
    assert.equal(bad.body().error.code, 'INVALID_STATE_TRANSITION')
  })

  test('batch pricing for a range, per-episode free override, price override', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token, { freeEpisodes: 2 })
    const ids: number[] = []
    for (let n = 1; n <= 8; n++)
      ids.push(
        (
          await client.post(`/admin/v1/dramas/${drama.id}/episodes`).bearerToken(token).json({})
        ).body().episode.id
      )
    for (const id of ids) await makeReady(id)

    const batch = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes/pricing`)
      .bearerToken(token)
      .json({ from: 5, to: 8, priceCoins: 120 })
    assert.equal(batch.body().updated, 4)
    await client.patch(`/admin/v1/episodes/${ids[3]}`).bearerToken(token).json({ isFree: true })
    await client
      .patch(`/admin/v1/episodes/${ids[1]}`)
      .bearerToken(token)
      .json({ isFree: false, priceCoins: 30 })
    ;(
      await client.post(`/admin/v1/dramas/${drama.id}/publish`).bearerToken(token).json({})
    ).assertStatus(200)

    const page = await client.get(`/api/v1/dramas/${drama.id}`)
    assert.deepEqual(
      page.body().episodes.map((e: any) => `${e.number}:${e.access}:${e.priceCoins}`),
      [
        '1:free:0',
        '2:locked:30',
        '3:locked:80',
        '4:free:0',
        '5:locked:120',
        '6:locked:120',
        '7:locked:120',
        '8:locked:120',
      ]
    )
    const badRange = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes/pricing`)
      .bearerToken(token)
      .json({ from: 6, to: 2, priceCoins: 1 })
    badRange.assertStatus(422)
  })

  test('scheduled publish: reviewed now, live when the time comes', async ({ client, assert }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token)
    const ep = (
      await client.post(`/admin/v1/dramas/${drama.id}/episodes`).bearerToken(token).json({})
    ).body().episode
    await makeReady(ep.id)
    const at = DateTime.utc().plus({ hours: 2 })
    const res = await client
      .post(`/admin/v1/dramas/${drama.id}/publish`)
      .bearerToken(token)
      .json({ publishAt: at.toISO() })
    assert.equal(res.body().drama.state, 'reviewing')
    assert.isNotNull(res.body().drama.reviewedAt)
    assert.closeTo(DateTime.fromISO(res.body().drama.publishAt).toMillis(), at.toMillis(), 1000)
    ;(await client.get(`/api/v1/dramas/${drama.id}`)).assertStatus(404)

    const service = new DramaAdminService()
    assert.deepEqual(await service.publishDue(DateTime.utc()), [])
    assert.deepEqual(await service.publishDue(at.plus({ minutes: 1 })), [drama.id])
    ;(await client.get(`/api/v1/dramas/${drama.id}`)).assertStatus(200)
  })

  test('episode release schedule: a later episode appears when its time comes', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token)
    const ids: number[] = []
    for (let n = 1; n <= 3; n++)
      ids.push(
        (
          await client.post(`/admin/v1/dramas/${drama.id}/episodes`).bearerToken(token).json({})
        ).body().episode.id
      )
    for (const id of ids) await makeReady(id)
    const at = DateTime.utc().plus({ days: 1 })
    const sched = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes/schedule`)
      .bearerToken(token)
      .json({ from: 3, to: 3, releaseAt: at.toISO() })
    assert.equal(sched.body().updated, 1)
    await client.post(`/admin/v1/dramas/${drama.id}/publish`).bearerToken(token).json({})
    assert.deepEqual(
      (await client.get(`/api/v1/dramas/${drama.id}`)).body().episodes.map((e: any) => e.number),
      [1, 2]
    )
    assert.equal(await new EpisodeAdminService().releaseDue(), 0, 'not due yet')
    // A day passes.
    await db
      .from('episodes')
      .where('id', ids[2]!)
      .update({ release_at: dbTime(DateTime.utc().minus({ minutes: 1 })) })
    assert.equal(await new EpisodeAdminService().releaseDue(), 1)
    assert.deepEqual(
      (await client.get(`/api/v1/dramas/${drama.id}`)).body().episodes.map((e: any) => e.number),
      [1, 2, 3]
    )
  })

  test('reorder renumbers episodes; a partial list is refused', async ({ client, assert }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token)
    const ids: number[] = []
    for (let n = 1; n <= 4; n++)
      ids.push(
        (
          await client
            .post(`/admin/v1/dramas/${drama.id}/episodes`)
            .bearerToken(token)
            .json({ title: `t${n}` })
        ).body().episode.id
      )
    const res = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes/reorder`)
      .bearerToken(token)
      .json({ ids: [ids[3], ids[0], ids[1], ids[2]] })
    res.assertStatus(200)
    assert.deepEqual(
      res.body().data.map((e: any) => e.title),
      ['t4', 't1', 't2', 't3']
    )
    const partial = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes/reorder`)
      .bearerToken(token)
      .json({ ids: [ids[0]] })
    partial.assertStatus(422)
  })

  test('intro/outro marks must make sense', async ({ client, assert }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token)
    const res = await client
      .post(`/admin/v1/dramas/${drama.id}/episodes`)
      .bearerToken(token)
      .json({ durationSec: 100, introEndSec: 50, outroStartSec: 40 })
    res.assertStatus(422)
    assert.equal(res.body().error.details.fields[0].field, 'outroStartSec')
  })

  test('only draft or rejected dramas can be deleted', async ({ client, assert }) => {
    const token = await staffToken(client, 'admin')
    const { drama } = await newDrama(client, token)
    const ep = (
      await client.post(`/admin/v1/dramas/${drama.id}/episodes`).bearerToken(token).json({})
    ).body().episode
    await makeReady(ep.id)
    await client.post(`/admin/v1/dramas/${drama.id}/publish`).bearerToken(token).json({})
    const res = await client.delete(`/admin/v1/dramas/${drama.id}`).bearerToken(token)
    res.assertStatus(409)
    assert.equal(res.body().error.code, 'DRAMA_NOT_DELETABLE')
    const draft = (await newDrama(client, token)).drama
    ;(await client.delete(`/admin/v1/dramas/${draft.id}`).bearerToken(token)).assertStatus(204)
  })

  test('cover and banner upload: stored, served, refused when not an image', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const { drama } = await newDrama(client, token)
    const png = join(await mkdtemp(join(tmpdir(), 'cover-')), 'cover.png')
    await writeFile(
      png,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7e8a3b80000000049454e44ae426082',
        'hex'
      )
    )
    const res = await client
      .post(`/admin/v1/dramas/${drama.id}/image`)
      .bearerToken(token)
      .file('image', png)
    res.assertStatus(200)
    const cover = new URL(res.body().drama.coverUrl)
    assert.match(
      cover.pathname,
      new RegExp(`^/api/v1/dramas/${drama.id}/images/cover-[\\w-]+\\.png$`)
    )
    const image = await client.get(cover.pathname)
    image.assertStatus(200)
    assert.equal(image.header('content-type'), 'image/png')
    const banner = await client
      .post(`/admin/v1/dramas/${drama.id}/image`)
      .qs({ kind: 'banner' })
      .bearerToken(token)
      .file('image', png)
    assert.match(banner.body().drama.bannerUrl, /\/images\/banner-/)

    const text = join(await mkdtemp(join(tmpdir(), 'cover-')), 'cover.jpg')
    await writeFile(text, 'not an image at all')
    const bad = await client
      .post(`/admin/v1/dramas/${drama.id}/image`)
      .bearerToken(token)
      .file('image', text)
    bad.assertStatus(422)
    assert.equal(bad.body().error.code, 'IMAGE_INVALID')
    ;(await client.get(`/api/v1/dramas/${drama.id}/images/..%2Fsecret.png`)).assertStatus(404)
  })

  test('categories: create, unique slug, reorder, inactive ones hidden from viewers', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const a = (
      await client
        .post('/admin/v1/categories')
        .bearerToken(token)
        .json({ name: '都市', slug: `city-${uid()}` })
    ).body().category
    const b = (
      await client
        .post('/admin/v1/categories')
        .bearerToken(token)
        .json({ name: '古装', slug: `ancient-${uid()}` })
    ).body().category
    const dup = await client
      .post('/admin/v1/categories')
      .bearerToken(token)
      .json({ name: 'x', slug: a.slug })
    dup.assertStatus(409)
    assert.equal(dup.body().error.code, 'SLUG_TAKEN')
    await client
      .post('/admin/v1/categories/reorder')
      .bearerToken(token)
      .json({ ids: [b.id, a.id] })
    const pub = (await client.get('/api/v1/categories')).body().data.map((c: any) => c.id)
    assert.isBelow(pub.indexOf(b.id), pub.indexOf(a.id))
    await client.patch(`/admin/v1/categories/${a.id}`).bearerToken(token).json({ isActive: false })
    assert.notInclude(
      (await client.get('/api/v1/categories')).body().data.map((c: any) => c.id),
      a.id
    )
  })

  test('_params: who may manage the catalog, and what bodies are refused', async ({
    client,
    assert,
  }) => {
    for (const role of ['reviewer', 'finance'] as const) {
      const token = await staffToken(client, role)
      ;(await client.get('/admin/v1/dramas').bearerToken(token)).assertStatus(403)
      ;(
        await client.post('/admin/v1/dramas').bearerToken(token).json({ title: 'x', synopsis: 'y' })
      ).assertStatus(403)
    }
    ;(await client.get('/admin/v1/dramas')).assertStatus(401)
    const token = await staffToken(client, 'operator')
    const bad = [
      {},
      { title: '', synopsis: 'x' },
      { title: 'x', synopsis: 'y', episodePriceCoins: -1 },
      { title: 'x', synopsis: 'y', episodePriceCoins: 1.5 },
      { title: 'x', synopsis: 'y', coverUrl: 'javascript:alert(1)' },
      { title: 'x', synopsis: 'y', rating: 101 },
      { title: 'x', synopsis: 'y', categoryIds: [999999] },
      { title: 'x', synopsis: 'y', isSponsored: 'yes' },
    ]
    for (const body of bad) {
      const res = await client.post('/admin/v1/dramas').bearerToken(token).json(body)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED', JSON.stringify(body))
    }
    ;(await client.get('/admin/v1/dramas/abc').bearerToken(token)).assertStatus(404)
    ;(
      await client.patch('/admin/v1/dramas/99999999').bearerToken(token).json({ title: 'x' })
    ).assertStatus(404)
    ;(
      await client
        .post('/admin/v1/dramas/99999999/publish')
        .bearerToken(token)
        .json({ publishAt: 'tomorrow' })
    ).assertStatus(422)
    ;(await client.get('/admin/v1/dramas').qs({ state: 'lost' }).bearerToken(token)).assertStatus(
      422
    )
  })
})
