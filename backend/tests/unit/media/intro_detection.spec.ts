import { test } from '@japa/runner'
import {
  ITEM_SEC,
  longestSharedRun,
  proposeIntroOutro,
} from '#modules/media/services/intro_detection'

/** Deterministic pseudo-random 32-bit items (a different stream per seed). */
function noise(seed: number, count: number) {
  let x = seed * 2654435761 || 1
  return Array.from({ length: count }, () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x >>> 0
  })
}

const seconds = (s: number) => Math.round(s / ITEM_SEC)

/** An episode: [lead-in noise] + intro + own noise + outro. */
function episode(seed: number, intro: number[], outro: number[], bodySec: number, leadSec = 0) {
  return Uint32Array.from([
    ...noise(seed + 1000, seconds(leadSec)),
    ...intro,
    ...noise(seed, seconds(bodySec)),
    ...outro,
  ])
}

test.group('Intro/outro detection', () => {
  const intro = noise(1, seconds(5))
  const outro = noise(2, seconds(8))

  test('finds a shared intro and outro, also when the intro is shifted', ({ assert }) => {
    const prints = [
      { episodeId: 1, items: episode(11, intro, outro, 60) },
      { episodeId: 2, items: episode(12, intro, outro, 75, 2) },
      { episodeId: 3, items: episode(13, intro, outro, 50) },
    ].map((p) => ({ ...p, durationSec: p.items.length * ITEM_SEC }))
    const [a, b, c] = proposeIntroOutro(prints)
    assert.approximately(a!.introEndSec!, 5, 1)
    assert.approximately(b!.introEndSec!, 7, 1)
    assert.approximately(c!.introEndSec!, 5, 1)
    assert.approximately(a!.outroStartSec!, 65, 1)
    assert.approximately(b!.outroStartSec!, 82, 1)
  })

  test('small bit errors still match; unrelated episodes get no proposal', ({ assert }) => {
    const noisy = intro.map((v, i) => (i % 3 === 0 ? (v ^ 0b101) >>> 0 : v))
    const run = longestSharedRun(Uint32Array.from(intro), Uint32Array.from(noisy))
    assert.isNotNull(run)
    assert.equal(run!.offset, 0)
    assert.isAbove((run!.end - run!.start + 1) * ITEM_SEC, 4.5)

    const unrelated = [1, 2].map((id) => {
      const items = Uint32Array.from(noise(100 + id, seconds(60)))
      return { episodeId: id, items, durationSec: 60 }
    })
    assert.deepEqual(
      proposeIntroOutro(unrelated).map((p) => [p.introEndSec, p.outroStartSec]),
      [
        [null, null],
        [null, null],
      ]
    )
  })
})
