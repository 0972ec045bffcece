import { describe, expect, it } from 'vitest'
import { EpisodeFlow, normalizeTimeline, SKIP_INTRO_BUTTON_SEC, startPlan, type EpisodeTimeline } from '@/utils/episodeFlow'

/** A 90 s episode with a 10 s intro and credits from 80 s, followed by episode 12. */
const timeline = (change: Partial<EpisodeTimeline> = {}): EpisodeTimeline => ({
  durationSec: 90,
  introEndSec: 10,
  outroStartSec: 80,
  resumeAtSec: 0,
  nextEpisodeId: 12,
  ...change,
})

/** Feeds positions as a player's timeupdate would and collects the finishes. */
function play(flow: EpisodeFlow, positions: number[]) {
  return positions.map((position) => flow.progress(position)).filter((finish) => finish !== null)
}

describe('where an episode starts', () => {
  it('starts at 0 on a first view, after the intro when skipping', () => {
    expect(startPlan(timeline(), false)).toEqual({ positionSec: 0, resumed: false, skippedIntro: false })
    expect(startPlan(timeline(), true)).toEqual({ positionSec: 10, resumed: false, skippedIntro: true })
  })

  it('resumes where the viewer stopped', () => {
    expect(startPlan(timeline({ resumeAtSec: 42.5 }), true)).toEqual({ positionSec: 42.5, resumed: true, skippedIntro: false })
    expect(startPlan(timeline({ resumeAtSec: 42 }), false)).toEqual({ positionSec: 42, resumed: true, skippedIntro: false })
  })

  it('resuming inside the intro goes past it only when skipping', () => {
    expect(startPlan(timeline({ resumeAtSec: 6 }), true)).toEqual({ positionSec: 10, resumed: true, skippedIntro: true })
    expect(startPlan(timeline({ resumeAtSec: 6 }), false)).toEqual({ positionSec: 6, resumed: true, skippedIntro: false })
  })

  it('starts over when the viewer had barely started or had finished', () => {
    expect(startPlan(timeline({ resumeAtSec: 2 }), false).positionSec).toBe(0)
    expect(startPlan(timeline({ resumeAtSec: 88 }), false).positionSec).toBe(0)
    // With skipping on, the credits count as the end: 78 s is as good as finished.
    expect(startPlan(timeline({ resumeAtSec: 78 }), true)).toEqual({ positionSec: 10, resumed: false, skippedIntro: true })
    expect(startPlan(timeline({ resumeAtSec: 78 }), false)).toEqual({ positionSec: 78, resumed: true, skippedIntro: false })
    // The last episode plays its credits, so they are not the end there.
    expect(startPlan(timeline({ resumeAtSec: 78, nextEpisodeId: null }), true).positionSec).toBe(78)
  })

  it('ignores marks that do not fit the episode', () => {
    expect(normalizeTimeline(timeline({ introEndSec: 0, outroStartSec: 95 }))).toEqual({ durationSec: 90, introEndSec: null, outroStartSec: null })
    expect(normalizeTimeline(timeline({ introEndSec: 50, outroStartSec: 40 }))).toEqual({ durationSec: 90, introEndSec: 50, outroStartSec: null })
    expect(normalizeTimeline(timeline({ introEndSec: null, outroStartSec: null }))).toEqual({ durationSec: 90, introEndSec: null, outroStartSec: null })
    expect(startPlan(timeline({ introEndSec: 120 }), true)).toEqual({ positionSec: 0, resumed: false, skippedIntro: false })
    expect(startPlan(timeline({ resumeAtSec: Number.NaN }), false).positionSec).toBe(0)
  })
})

describe('跳过片头', () => {
  it('is offered for the first seconds of the intro when the viewer does not skip intros', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: false })
    expect(flow.skipIntroVisible).toBe(false)
    const seen: boolean[] = []
    for (const position of [0, 1, 2.5, 4.9, 5, 6, 9.9]) {
      flow.progress(position)
      seen.push(flow.skipIntroVisible)
    }
    expect(SKIP_INTRO_BUTTON_SEC).toBe(5)
    expect(seen).toEqual([true, true, true, true, false, false, false])
  })

  it('counts the seconds from where playback started (a resume inside the intro)', () => {
    const flow = new EpisodeFlow(timeline({ resumeAtSec: 6 }), { skipIntroOutro: false })
    flow.progress(6)
    expect(flow.skipIntroVisible).toBe(true)
    flow.progress(9.5)
    expect(flow.skipIntroVisible).toBe(true)
    flow.progress(10)
    expect(flow.skipIntroVisible).toBe(false)
  })

  it('seeks to the end of the intro and goes away once tapped', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: false })
    flow.progress(1)
    expect(flow.skipIntro()).toBe(10)
    expect(flow.skipIntroVisible).toBe(false)
    flow.progress(1.5)
    expect(flow.skipIntroVisible).toBe(false)
  })

  it('is not offered when intros are skipped, or when there is no intro', () => {
    const skipping = new EpisodeFlow(timeline(), { skipIntroOutro: true })
    skipping.progress(0)
    expect(skipping.skipIntroVisible).toBe(false)
    const noIntro = new EpisodeFlow(timeline({ introEndSec: null }), { skipIntroOutro: false })
    noIntro.progress(0)
    expect(noIntro.skipIntroVisible).toBe(false)
    expect(noIntro.skipIntro()).toBeNull()
  })

  it('goes away when the viewer turns skipping on', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: false })
    flow.progress(1)
    flow.setSkipIntroOutro(true)
    expect(flow.skipIntroVisible).toBe(false)
    expect(flow.skipIntroOutro).toBe(true)
  })
})

describe('the outro', () => {
  it('finishes the episode when it starts, once, with the next episode to count down to', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: true })
    const finishes = play(flow, [10, 40, 79.9, 80.1, 80.4, 85])
    expect(finishes).toEqual([{ reason: 'outro', positionSec: 80.1, nextEpisodeId: 12 }])
    expect(flow.finished).toEqual({ reason: 'outro', positionSec: 80.1, nextEpisodeId: 12 })
  })

  it('finishes again after the viewer went back before the outro and reached it again', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: true })
    expect(play(flow, [80.2, 81, 50, 60, 80.3])).toEqual([
      { reason: 'outro', positionSec: 80.2, nextEpisodeId: 12 },
      { reason: 'outro', positionSec: 80.3, nextEpisodeId: 12 },
    ])
  })

  it('plays through when skipping is off, on the last episode, or without an outro mark', () => {
    expect(play(new EpisodeFlow(timeline(), { skipIntroOutro: false }), [79, 80, 85, 89.9])).toEqual([])
    expect(play(new EpisodeFlow(timeline({ nextEpisodeId: null }), { skipIntroOutro: true }), [79, 80, 85])).toEqual([])
    expect(play(new EpisodeFlow(timeline({ outroStartSec: null }), { skipIntroOutro: true }), [79, 80, 85])).toEqual([])
  })

  it('follows the switch turned on mid-episode', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: false })
    expect(play(flow, [70, 75])).toEqual([])
    flow.setSkipIntroOutro(true)
    expect(play(flow, [80.5])).toEqual([{ reason: 'outro', positionSec: 80.5, nextEpisodeId: 12 }])
  })

  it('ignores positions a player reports while it has none', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: true })
    expect(flow.progress(Number.NaN)).toBeNull()
    expect(flow.progress(-1)).toBeNull()
  })
})

describe('the end', () => {
  it('finishes with the next episode, or with none after the last one', () => {
    const flow = new EpisodeFlow(timeline(), { skipIntroOutro: false })
    play(flow, [88, 89.8])
    expect(flow.ended(90)).toEqual({ reason: 'ended', positionSec: 90, nextEpisodeId: 12 })
    const last = new EpisodeFlow(timeline({ nextEpisodeId: null }), { skipIntroOutro: true })
    expect(last.ended()).toEqual({ reason: 'ended', positionSec: 90, nextEpisodeId: null })
    expect(last.nextEpisodeId).toBeNull()
  })
})
