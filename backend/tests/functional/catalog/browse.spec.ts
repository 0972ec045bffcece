import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import redis from '@adonisjs/redis/services/main'
import { Redis } from 'ioredis'
import { cache } from '#core/cache/cache'
import { guest, staffToken } from '#tests/helpers/accounts'
import { makeCategory, publishedDrama, uid } from '#tests/helpers/catalog'
import { accessResolvers } from '#modules/catalog/services/access_service'
import { RankingService } from '#modules/catalog/services/ranking_service'
import { catalogKeys } from '#modules/catalog/services/catalog_cache'
import { dbTime } from '#core/database/time'

/** Stand-in for the unlocks module: viewers in this set own episode 7 of any drama. */
const owners = new Set<number>()
accessResolvers.register('unlocked', async (viewer, _drama, episodes) => {
  if (!owners.has(viewer.id)) return new Set()
  return new Set(episodes.filter((e) => e.number === 7).map((e) => e.id))
})

test.group('Browsing the catalog', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('episode access is computed per caller', async ({ client, assert }) => {
    const drama = await publishedDrama({ freeEpisodes: 5 }, 8)
    const buyer = await guest(client)
    const other = await guest(client)
    owners.add(buyer.user.id)
    const marks = async (token?: string) => {
      const req = client.get(`/api/v1/dramas/${drama.id}`)
      const res = await (token ? req.bearerToken(token) : req)
      return res.body().episodes.map((e: any) => e.access)
    }
    const free = ['free', 'free', 'free', 'free', 'free']
    assert.deepEqual(await marks(buyer.token), [...free, 'locked', 'unlocked', 'locked'])
    assert.deepEqual(await marks(other.token), [...free, 'locked', 'locked', 'locked'])
    assert.deepEqual(await marks(), [...free, 'locked', 'locked', 'locked'])
  })

  test('drafts, unpublished dramas and unreleased episodes are invisible', async ({
    client,
    assert,
  }) => {
    const live = await publishedDrama({}, 3)
    const hidden = await publishedDrama({ state: 'unpublished' }, 3)
    await db
      .from('episodes')
      .where({ drama_id: live.id, number: 3 })
      .update({ release_at: dbTime(DateTime.utc().plus({ days: 1 })) })
    ;(await client.get(`/api/v1/dramas/${hidden.id}`)).assertStatus(404)
    assert.lengthOf((await client.get(`/api/v1/dramas/${live.id}`)).body().episodes, 2)
    const ids = (await client.get('/api/v1/dramas').qs({ sort: 'new', limit: 100 }))
      .body()
      .data.map((d: any) => d.id)
    assert.include(ids, live.id)
    assert.notInclude(ids, hidden.id)
  })

  test('list filters, sorts and pages with a cursor', async ({ client, assert }) => {
    const category = await makeCategory()
    const made = []
    for (const rating of [70, 95, 80]) {
      const d = await publishedDrama(
        { rating, status: rating === 95 ? 'completed' : 'ongoing', tags: ['复仇'] },
        1
      )
      await db.table('drama_categories').insert({ drama_id: d.id, category_id: category.id })
      made.push(d)
    }
    const byRating = await client
      .get('/api/v1/dramas')
      .qs({ category: category.slug, sort: 'rating' })
    assert.deepEqual(
      byRating.body().data.map((d: any) => d.rating),
      [9.5, 8, 7]
    )
    const completed = await client
      .get('/api/v1/dramas')
      .qs({ category: String(category.id), status: 'completed' })
    assert.deepEqual(
      completed.body().data.map((d: any) => d.id),
      [made[1]!.id]
    )

    const first = await client
      .get('/api/v1/dramas')
      .qs({ category: category.slug, sort: 'rating', limit: 2 })
    assert.lengthOf(first.body().data, 2)
    const second = await client
      .get('/api/v1/dramas')
      .qs({ category: category.slug, sort: 'rating', limit: 2, cursor: first.body().nextCursor })
    assert.deepEqual(
      second.body().data.map((d: any) => d.rating),
      [7]
    )
    assert.isNull(second.body().nextCursor)
    const tagged = await client.get('/api/v1/dramas').qs({ category: category.slug, tag: '复仇' })
    assert.lengthOf(tagged.body().data, 3)
  })

  test('search finds Chinese titles, tags and cast, best title match first', async ({
    client,
    assert,
  }) => {
    const suffix = uid()
    const ceo = await publishedDrama(
      { title: `霸道总裁爱上我${suffix}`, tags: ['甜宠'], cast: [{ name: '顾言' }] },
      1
    )
    const reborn = await publishedDrama(
      {
        title: `重生之我是大小姐${suffix}`,
        tags: ['重生', '逆袭'],
        cast: [{ name: `张小满${suffix}` }],
      },
      1
    )
    const english = await publishedDrama(
      { title: `The CEO Returns ${suffix}`, tags: [], cast: [] },
      1
    )
    const ids = async (q: string) =>
      (await client.get('/api/v1/search').qs({ q, limit: 100 })).body().data.map((d: any) => d.id)
    assert.include(await ids('总裁'), ceo.id)
    assert.notInclude(await ids('总裁'), reborn.id)
    assert.include(await ids('逆袭'), reborn.id)
    assert.deepEqual(await ids(`张小满${suffix}`), [reborn.id])
    assert.include(await ids('ceo returns'), english.id)
    assert.deepEqual(await ids(`重生之我是大小姐${suffix}`), [reborn.id])
    assert.deepEqual(await ids('100%_no_match'), [])
  })

  test('drama detail is cached, and an edit invalidates only that drama', async ({
    client,
    assert,
  }) => {
    const a = await publishedDrama({}, 2)
    const b = await publishedDrama({}, 2)
    await client.get(`/api/v1/dramas/${a.id}`)
    await client.get(`/api/v1/dramas/${b.id}`)
    assert.isNotNull(await cache.peek(catalogKeys.drama(a.id)))
    assert.isNotNull(await cache.peek(catalogKeys.drama(b.id)))

    // A change behind the API's back is not seen: the cache answers.
    await db.from('dramas').where('id', a.id).update({ title: 'changed directly' })
    assert.notEqual((await client.get(`/api/v1/dramas/${a.id}`)).body().title, 'changed directly')

    const token = await staffToken(client, 'operator')
    ;(
      await client.patch(`/admin/v1/dramas/${a.id}`).bearerToken(token).json({ title: '新标题' })
    ).assertStatus(200)
    assert.isNull(await cache.peek(catalogKeys.drama(a.id)))
    assert.isNotNull(await cache.peek(catalogKeys.drama(b.id)), 'other dramas stay cached')
    assert.equal((await client.get(`/api/v1/dramas/${a.id}`)).body().title, '新标题')
  })

  test('rankings: the job writes Redis boards; reads fall back to the database when Redis is down', async ({
    client,
    assert,
  }) => {
    const today = DateTime.utc().startOf('day')
    const hot = await publishedDrama({ status: 'completed' }, 1)
    const warm = await publishedDrama({}, 1)
    const cold = await publishedDrama({}, 1)
    const metric = (dramaId: number, ago: number, plays: number, unlocks = 0) =>
      db
        .table('drama_daily_metrics')
        .insert({ drama_id: dramaId, day: today.minus({ days: ago }).toISODate(), plays, unlocks })
    await metric(hot.id, 0, 5000, 200)
    await metric(warm.id, 1, 3000)
    await metric(cold.id, 6, 100)

    await new RankingService().refresh()
    const res = await client.get('/api/v1/rankings/hot')
    res.assertStatus(200)
    assert.equal(res.body().source, 'redis')
    const order = res
      .body()
      .data.map((e: any) => e.drama.id)
      .filter((id: number) => [hot.id, warm.id, cold.id].includes(id))
    assert.deepEqual(order, [hot.id, warm.id, cold.id])
    const stored = await redis.connection('main').zscore('catalog:rankings:hot', String(hot.id))
    assert.closeTo(Number(stored), 6000, 0.01)
    const completed = (await client.get('/api/v1/rankings/completed'))
      .body()
      .data.map((e: any) => e.drama.id)
    assert.include(completed, hot.id)
    assert.notInclude(completed, warm.id)

    const dead = new Redis({
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    dead.on('error', () => {})
    const fallback = await new RankingService().read('hot', 100, async () => dead)
    assert.equal(fallback.source, 'database')
    assert.deepEqual(
      fallback.entries
        .map((e) => e.dramaId)
        .filter((id) => [hot.id, warm.id, cold.id].includes(id)),
      order
    )
    dead.disconnect()
  })

  test('_params: list, search, rankings and detail', async ({ client, assert }) => {
    for (const qs of [
      { sort: 'random' },
      { status: 'paused' },
      { limit: 500 },
      { cursor: 'not-a-cursor' },
    ]) {
      const res = await client.get('/api/v1/dramas').qs(qs)
      res.assertStatus(422)
      assert.equal(res.body().error.code, 'VALIDATION_FAILED', JSON.stringify(qs))
    }
    ;(await client.get('/api/v1/search')).assertStatus(422)
    ;(await client.get('/api/v1/search').qs({ q: 'x'.repeat(51) })).assertStatus(422)
    ;(await client.get('/api/v1/rankings/best')).assertStatus(422)
    ;(await client.get('/api/v1/dramas/abc')).assertStatus(404)
    ;(await client.get('/api/v1/dramas/99999999')).assertStatus(404)
  })
})
