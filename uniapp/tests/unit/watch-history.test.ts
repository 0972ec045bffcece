import { beforeEach, describe, expect, it } from 'vitest'
import {
  lastWatched,
  playTarget,
  readWatchHistory,
  rememberWatched,
  setSkipIntroOutro,
  SKIP_INTRO_OUTRO_KEY,
  skipIntroOutroEnabled,
  WATCH_HISTORY_KEY,
  WATCH_HISTORY_MAX,
  withWatched,
  type WatchedEpisode,
} from '@/utils/watchHistory'
import { installUni, type UniStub } from './support/uni'

let uniStub: UniStub

beforeEach(() => {
  uniStub = installUni()
})

const episodes = [
  { id: 103, number: 3 },
  { id: 101, number: 1 },
  { id: 102, number: 2 },
]
const watched = (episodeId: number, number: number, finished = false): WatchedEpisode => ({ dramaId: 7, episodeId, number, finished, at: 1 })

describe('the episode the drama page plays', () => {
  it('is the first episode for a drama not watched on this device', () => {
    expect(playTarget(episodes, null)).toEqual({ episodeId: 101, number: 1, resume: false })
    expect(playTarget([], null)).toBeNull()
  })

  it('is the episode watched last, to continue it', () => {
    expect(playTarget(episodes, watched(102, 2))).toEqual({ episodeId: 102, number: 2, resume: true })
  })

  it('is the next episode once the last one watched was finished, or that one again after the finale', () => {
    expect(playTarget(episodes, watched(102, 2, true))).toEqual({ episodeId: 103, number: 3, resume: true })
    expect(playTarget(episodes, watched(103, 3, true))).toEqual({ episodeId: 103, number: 3, resume: true })
  })

  it('falls back to the first episode when the one watched is gone', () => {
    expect(playTarget(episodes, watched(999, 9))).toEqual({ episodeId: 101, number: 1, resume: false })
  })
})

describe('watch history storage', () => {
  it('keeps the newest record per drama, newest first', () => {
    rememberWatched({ dramaId: 7, episodeId: 101, number: 1, finished: false }, 1000)
    rememberWatched({ dramaId: 8, episodeId: 201, number: 1, finished: false }, 2000)
    rememberWatched({ dramaId: 7, episodeId: 102, number: 2, finished: true }, 3000)
    expect(readWatchHistory()).toEqual([
      { dramaId: 7, episodeId: 102, number: 2, finished: true, at: 3000 },
      { dramaId: 8, episodeId: 201, number: 1, finished: false, at: 2000 },
    ])
    expect(lastWatched(7)).toMatchObject({ episodeId: 102, finished: true })
    expect(lastWatched(9)).toBeNull()
    expect(uniStub.storage.get(WATCH_HISTORY_KEY)).toHaveLength(2)
  })

  it(`keeps at most ${WATCH_HISTORY_MAX} dramas, dropping the oldest`, () => {
    let history: WatchedEpisode[] = []
    for (let drama = 1; drama <= WATCH_HISTORY_MAX + 5; drama++) history = withWatched(history, { dramaId: drama, episodeId: drama * 10, number: 1, finished: false, at: drama })
    expect(history).toHaveLength(WATCH_HISTORY_MAX)
    expect(history[0]?.dramaId).toBe(WATCH_HISTORY_MAX + 5)
    expect(history.some((entry) => entry.dramaId <= 5)).toBe(false)
  })

  it('ignores damaged or foreign values', () => {
    uniStub.storage.set(WATCH_HISTORY_KEY, [{ dramaId: 7, episodeId: 'x', number: 1, finished: false, at: 1 }, null, watched(102, 2)])
    expect(readWatchHistory()).toEqual([watched(102, 2)])
    uniStub.storage.set(WATCH_HISTORY_KEY, 'not a list')
    expect(readWatchHistory()).toEqual([])
  })
})

describe('跳过片头片尾', () => {
  it('is on until the viewer turns it off, and remembered', () => {
    expect(skipIntroOutroEnabled()).toBe(true)
    setSkipIntroOutro(false)
    expect(uniStub.storage.get(SKIP_INTRO_OUTRO_KEY)).toBe(false)
    expect(skipIntroOutroEnabled()).toBe(false)
    setSkipIntroOutro(true)
    expect(skipIntroOutroEnabled()).toBe(true)
  })
})
