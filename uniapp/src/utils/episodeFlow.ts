/**
 * The decisions of one episode's playback that do not depend on a player: where to start
 * (resume, skip the intro), when to offer 跳过片头, when the outro counts as the end, and what
 * comes after the end. Positions are seconds of the episode.
 */

export interface EpisodeTimeline {
  durationSec: number
  introEndSec: number | null
  outroStartSec: number | null
  resumeAtSec: number
  nextEpisodeId: number | null
}

/** A resume position earlier than this is not worth resuming (the viewer barely started). */
export const RESUME_MIN_SEC = 3
/** A resume position this close to the end (or the outro) starts over: the viewer finished it. */
export const RESUME_TAIL_SEC = 3
/** How long 跳过片头 stays on screen, in seconds of playback. */
export const SKIP_INTRO_BUTTON_SEC = 5
/** Seconds of the countdown before the next episode starts on its own. */
export const NEXT_EPISODE_COUNTDOWN_SEC = 3

export interface StartPlan {
  positionSec: number
  /** Started where the viewer stopped last time. */
  resumed: boolean
  /** Started after the intro because the viewer skips intros. */
  skippedIntro: boolean
}

/** How an episode finished: played to the end, or reached the outro with skipping on. */
export interface Finish {
  reason: 'ended' | 'outro'
  /** Where the player was, for the "ended" progress report. */
  positionSec: number
  /** The episode to count down to; null after the last one. */
  nextEpisodeId: number | null
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The marks an operator set, dropped when they make no sense for the episode's duration. */
export function normalizeTimeline(timeline: EpisodeTimeline): { durationSec: number; introEndSec: number | null; outroStartSec: number | null } {
  const durationSec = Math.max(0, finite(timeline.durationSec) ?? 0)
  const within = (value: number | null) => value !== null && value > 0 && (durationSec === 0 || value < durationSec)
  const intro = finite(timeline.introEndSec)
  const introEndSec = within(intro) ? intro : null
  const outro = finite(timeline.outroStartSec)
  const outroStartSec = within(outro) && (outro ?? 0) > (introEndSec ?? 0) ? outro : null
  return { durationSec, introEndSec, outroStartSec }
}

/**
 * Where an episode starts: the resume position unless it is barely in or at the very end (then
 * from the start), and after the intro when the viewer skips intros and would otherwise land in it.
 */
export function startPlan(timeline: EpisodeTimeline, skipIntroOutro: boolean): StartPlan {
  const { durationSec, introEndSec, outroStartSec } = normalizeTimeline(timeline)
  const end = skipIntroOutro && outroStartSec !== null && timeline.nextEpisodeId !== null ? outroStartSec : durationSec
  let positionSec = Math.max(0, finite(timeline.resumeAtSec) ?? 0)
  if (positionSec < RESUME_MIN_SEC || (end > 0 && positionSec >= end - RESUME_TAIL_SEC)) positionSec = 0
  const resumed = positionSec > 0
  if (skipIntroOutro && introEndSec !== null && positionSec < introEndSec) {
    return { positionSec: introEndSec, resumed, skippedIntro: true }
  }
  return { positionSec, resumed, skippedIntro: false }
}

export class EpisodeFlow {
  readonly start: StartPlan
  readonly #timeline: ReturnType<typeof normalizeTimeline>
  readonly #nextEpisodeId: number | null
  #skip: boolean
  #firstPosition: number | null = null
  #position = 0
  #introDismissed = false
  #outroHandled = false
  #finished: Finish | null = null

  constructor(timeline: EpisodeTimeline, options: { skipIntroOutro: boolean }) {
    this.#timeline = normalizeTimeline(timeline)
    this.#nextEpisodeId = timeline.nextEpisodeId
    this.#skip = options.skipIntroOutro
    this.start = startPlan(timeline, options.skipIntroOutro)
  }

  get skipIntroOutro(): boolean {
    return this.#skip
  }

  get finished(): Finish | null {
    return this.#finished
  }

  get nextEpisodeId(): number | null {
    return this.#nextEpisodeId
  }

  /**
   * 跳过片头 is offered to viewers who do not skip intros automatically, while the intro plays,
   * for the first few seconds of playback.
   */
  get skipIntroVisible(): boolean {
    const introEnd = this.#timeline.introEndSec
    if (this.#skip || introEnd === null || this.#introDismissed || this.#firstPosition === null) return false
    return this.#position < introEnd && this.#position - this.#firstPosition < SKIP_INTRO_BUTTON_SEC
  }

  /** Turning skipping on mid-episode takes effect at the outro; the intro button goes away. */
  setSkipIntroOutro(on: boolean): void {
    this.#skip = on
  }

  /**
   * A position the player reached while playing. Returns the finish when this position is the
   * outro of an episode with a next one and the viewer skips outros, once per pass: seeking back
   * before the outro arms it again.
   */
  progress(positionSec: number): Finish | null {
    if (!Number.isFinite(positionSec) || positionSec < 0) return null
    this.#firstPosition ??= positionSec
    this.#position = positionSec
    const outro = this.#timeline.outroStartSec
    if (outro === null) return null
    if (positionSec < outro - 1) {
      this.#outroHandled = false
      return null
    }
    if (!this.#skip || this.#nextEpisodeId === null || this.#outroHandled || positionSec < outro) return null
    this.#outroHandled = true
    return this.#finish('outro', positionSec)
  }

  /** The viewer tapped 跳过片头: where to seek, or null when there is nothing to skip. */
  skipIntro(): number | null {
    const introEnd = this.#timeline.introEndSec
    this.#introDismissed = true
    return introEnd !== null && this.#position < introEnd ? introEnd : null
  }

  /** The player reached the end of the media. */
  ended(positionSec?: number): Finish {
    const position = finite(positionSec) ?? this.#timeline.durationSec
    return this.#finish('ended', Math.max(position, this.#position))
  }

  #finish(reason: Finish['reason'], positionSec: number): Finish {
    this.#finished = { reason, positionSec, nextEpisodeId: this.#nextEpisodeId }
    return this.#finished
  }
}
