import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  DRAMA_TRANSITIONS,
  EPISODE_TRANSITIONS,
  assertDramaTransition,
  assertEpisodeTransition,
} from '#modules/catalog/services/state_machines'
import { DRAMA_STATES } from '#modules/catalog/models/drama'
import { EPISODE_STATES } from '#modules/catalog/models/episode'
import { RankingService } from '#modules/catalog/services/ranking_service'

test.group('Catalog state machines', () => {
  test('every drama transition in the table is allowed and every other one refused', ({
    assert,
  }) => {
    let allowed = 0
    let refused = 0
    for (const from of DRAMA_STATES) {
      for (const to of DRAMA_STATES) {
        if (DRAMA_TRANSITIONS[from].includes(to)) {
          assert.doesNotThrow(() => assertDramaTransition(from, to))
          allowed++
        } else {
          const error = (() => {
            try {
              assertDramaTransition(from, to)
            } catch (e) {
              return e as any
            }
          })()
          assert.equal(error?.code, 'INVALID_STATE_TRANSITION', `${from} → ${to}`)
          assert.equal(error?.status, 409)
          refused++
        }
      }
    }
    assert.equal(allowed, 6)
    assert.equal(refused, 19)
  })

  test('the documented drama paths', ({ assert }) => {
    assert.deepEqual(DRAMA_TRANSITIONS.draft, ['reviewing'])
    assert.sameMembers([...DRAMA_TRANSITIONS.reviewing], ['published', 'rejected'])
    assert.deepEqual(DRAMA_TRANSITIONS.published, ['unpublished'])
    assert.deepEqual(DRAMA_TRANSITIONS.unpublished, ['published'])
    assert.throws(
      () => assertDramaTransition('draft', 'published'),
      /cannot go from draft to published/
    )
  })

  test('episodes: draft → processing → reviewing → ready → published; failures and rejections', ({
    assert,
  }) => {
    const path = ['draft', 'processing', 'reviewing', 'ready', 'published'] as const
    for (let i = 0; i < path.length - 1; i++)
      assert.doesNotThrow(() => assertEpisodeTransition(path[i]!, path[i + 1]!))
    assert.doesNotThrow(() => assertEpisodeTransition('processing', 'failed'))
    assert.doesNotThrow(() => assertEpisodeTransition('reviewing', 'rejected'))
    for (const [from, to] of [
      ['draft', 'ready'],
      ['processing', 'published'],
      ['failed', 'ready'],
      ['rejected', 'published'],
      ['draft', 'published'],
    ] as const) {
      assert.throws(() => assertEpisodeTransition(from, to), /cannot go from/)
    }
    for (const state of EPISODE_STATES) assert.isArray(EPISODE_TRANSITIONS[state])
  })
})

test.group('Ranking scores', () => {
  const today = DateTime.fromISO('2026-11-21T10:00:00Z', { zone: 'utc' })
  const day = (ago: number) => today.minus({ days: ago }).toISODate()!

  test('hot decays by 0.8 a day and weighs unlocks 5x; older than 7 days is ignored', ({
    assert,
  }) => {
    const { hot } = RankingService.score(
      [
        { dramaId: 1, day: day(0), plays: 100, unlocks: 0 },
        { dramaId: 2, day: day(1), plays: 100, unlocks: 0 },
        { dramaId: 3, day: day(0), plays: 0, unlocks: 20 },
        { dramaId: 4, day: day(7), plays: 10_000, unlocks: 0 },
      ],
      today
    )
    assert.equal(hot.get(1), 100)
    assert.closeTo(hot.get(2)!, 80, 1e-9)
    assert.equal(hot.get(3), 100)
    assert.isUndefined(hot.get(4))
  })

  test('rising rewards growth, not size, and needs a minimum volume', ({ assert }) => {
    const { rising } = RankingService.score(
      [
        // Big but flat: 1000 a day all week.
        ...[0, 1, 2, 3, 4, 5, 6].map((d) => ({ dramaId: 1, day: day(d), plays: 1000, unlocks: 0 })),
        // Small but tripling.
        ...[0, 1, 2].map((d) => ({ dramaId: 2, day: day(d), plays: 60, unlocks: 0 })),
        ...[3, 4, 5, 6].map((d) => ({ dramaId: 2, day: day(d), plays: 20, unlocks: 0 })),
        // Tiny.
        { dramaId: 3, day: day(0), plays: 5, unlocks: 0 },
      ],
      today
    )
    assert.isAbove(rising.get(2)!, rising.get(1)!)
    assert.isUndefined(rising.get(3))
  })
})
