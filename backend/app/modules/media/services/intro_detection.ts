/**
 * Finding the intro and outro that the episodes of one drama share, from chromaprint audio
 * fingerprints (ffmpeg's `chromaprint` muxer, raw format: one 32-bit item every 4096/3 samples
 * at 11025 Hz ≈ 0.1238 s). Two episodes share a passage where their items, aligned at some
 * offset, differ in only a few bits for several seconds in a row.
 */

export const ITEM_SEC = 4096 / 3 / 11025

export interface DetectionOptions {
  /** How far into (and from the end of) an episode to look, in seconds. */
  windowSec: number
  /** How far the shared passage may be shifted between two episodes, in seconds. */
  maxOffsetSec: number
  /** Shortest passage that counts, in seconds. */
  minRunSec: number
  /** Items differing in at most this many of 32 bits match. */
  maxBitErrors: number
  /** A run may bridge this many non-matching items (noise). */
  maxGapItems: number
}

export const DEFAULT_DETECTION: DetectionOptions = {
  windowSec: 120,
  maxOffsetSec: 15,
  minRunSec: 3,
  maxBitErrors: 10,
  maxGapItems: 4,
}

export function decodeFingerprint(raw: Buffer): Uint32Array {
  const items = new Uint32Array(Math.floor(raw.length / 4))
  for (let i = 0; i < items.length; i++) items[i] = raw.readUInt32LE(i * 4)
  return items
}

function popcount(x: number) {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

interface Run {
  /** First and last matching item in `a`, and the offset to reach `b` (b index = a index + offset). */
  start: number
  end: number
  offset: number
}

/** The longest passage `a` and `b` share, comparing item windows; null when none is long enough. */
export function longestSharedRun(
  a: Uint32Array,
  b: Uint32Array,
  options: DetectionOptions = DEFAULT_DETECTION
): Run | null {
  const maxOffset = Math.round(options.maxOffsetSec / ITEM_SEC)
  const minRun = Math.round(options.minRunSec / ITEM_SEC)
  let best: Run | null = null
  for (let offset = -maxOffset; offset <= maxOffset; offset++) {
    let runStart = -1
    let lastMatch = -1
    const from = Math.max(0, -offset)
    const to = Math.min(a.length, b.length - offset)
    for (let k = from; k < to; k++) {
      const match = popcount((a[k]! ^ b[k + offset]!) >>> 0) <= options.maxBitErrors
      if (match) {
        if (runStart < 0 || k - lastMatch > options.maxGapItems + 1) runStart = k
        lastMatch = k
        const length = lastMatch - runStart + 1
        if (length >= minRun && (!best || length > best.end - best.start + 1)) {
          best = { start: runStart, end: lastMatch, offset }
        }
      }
    }
  }
  return best
}

export interface EpisodePrint {
  episodeId: number
  durationSec: number
  items: Uint32Array
}

export interface Proposal {
  episodeId: number
  introEndSec: number | null
  outroStartSec: number | null
}

function median(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

/**
 * Proposes, per episode, where the shared intro ends and the shared outro starts. Each episode is
 * compared with up to `neighbours` others (the episodes before and after it); an episode gets a
 * mark only when a passage is shared with at least one of them.
 */
export function proposeIntroOutro(
  prints: EpisodePrint[],
  options: DetectionOptions = DEFAULT_DETECTION,
  neighbours = 3
): Proposal[] {
  const window = Math.round(options.windowSec / ITEM_SEC)
  const introEnds = new Map<number, number[]>()
  const outroStarts = new Map<number, number[]>()
  const push = (map: Map<number, number[]>, id: number, value: number) => {
    const list = map.get(id) ?? []
    list.push(value)
    map.set(id, list)
  }
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < Math.min(prints.length, i + 1 + neighbours); j++) {
      const a = prints[i]!
      const b = prints[j]!
      // Intros live in the first half and outros in the second, whatever the window.
      const headA = a.items.subarray(0, Math.min(window, Math.floor(a.items.length / 2)))
      const headB = b.items.subarray(0, Math.min(window, Math.floor(b.items.length / 2)))
      const intro = longestSharedRun(headA, headB, options)
      // An intro starts near the beginning; a shared passage that starts late is something else.
      if (intro && intro.start * ITEM_SEC <= options.windowSec / 2) {
        push(introEnds, a.episodeId, (intro.end + 1) * ITEM_SEC)
        push(introEnds, b.episodeId, (intro.end + intro.offset + 1) * ITEM_SEC)
      }
      const tailAStart = Math.max(Math.ceil(a.items.length / 2), a.items.length - window)
      const tailBStart = Math.max(Math.ceil(b.items.length / 2), b.items.length - window)
      const outro = longestSharedRun(
        a.items.subarray(tailAStart),
        b.items.subarray(tailBStart),
        options
      )
      if (outro) {
        const startA = (tailAStart + outro.start) * ITEM_SEC
        const startB = (tailBStart + outro.start + outro.offset) * ITEM_SEC
        // An outro runs to (nearly) the end.
        const endA = (tailAStart + outro.end + 1) * ITEM_SEC
        if (a.durationSec - endA <= options.windowSec / 4) {
          push(outroStarts, a.episodeId, startA)
          push(outroStarts, b.episodeId, startB)
        }
      }
    }
  }
  return prints.map((p) => {
    const intro = introEnds.get(p.episodeId)
    const outro = outroStarts.get(p.episodeId)
    const introEndSec = intro ? Math.round(median(intro)) : null
    let outroStartSec = outro ? Math.floor(median(outro)) : null
    if (
      outroStartSec !== null &&
      (outroStartSec >= p.durationSec || (introEndSec !== null && outroStartSec <= introEndSec))
    )
      outroStartSec = null
    return { episodeId: p.episodeId, introEndSec, outroStartSec }
  })
}
