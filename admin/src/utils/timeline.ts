/**
 * The intro/outro timeline: where a second sits on the bar and back, and which marker values the
 * server takes. Marks are whole seconds; the intro ends before the outro starts; the outro starts
 * within the video. null means "none" (nothing is skipped).
 */

export interface Marks {
  introEndSec: number | null
  outroStartSec: number | null
}

export type MarkField = keyof Marks

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Where `sec` sits on the bar, 0–100 (%). */
export function secToPercent(sec: number, durationSec: number): number {
  if (durationSec <= 0) return 0
  return clamp((sec / durationSec) * 100, 0, 100)
}

/** The whole second under `offsetPx` of a bar `widthPx` wide. */
export function offsetToSec(offsetPx: number, widthPx: number, durationSec: number): number {
  if (widthPx <= 0 || durationSec <= 0) return 0
  return clamp(Math.round((offsetPx / widthPx) * durationSec), 0, Math.floor(durationSec))
}

/**
 * `value` moved into the room `field` has: the intro end from 0 to one second before the outro
 * (or the end), the outro start from one second after the intro (or 0) to the end.
 */
export function clampMark(field: MarkField, value: number, marks: Marks, durationSec: number): number {
  const end = Math.max(0, Math.floor(durationSec))
  const whole = Math.round(value)
  if (field === 'introEndSec') {
    const max = marks.outroStartSec === null ? end : Math.max(0, marks.outroStartSec - 1)
    return clamp(whole, 0, max)
  }
  const min = marks.introEndSec === null ? 0 : Math.min(end, marks.introEndSec + 1)
  return clamp(whole, min, end)
}

export type MarkErrors = Partial<Record<MarkField, string>>

/** What the server would refuse, as i18n keys under the field it would name. */
export function checkMarks(marks: Marks, durationSec: number): MarkErrors {
  const errors: MarkErrors = {}
  const { introEndSec, outroStartSec } = marks
  for (const field of ['introEndSec', 'outroStartSec'] as const) {
    const value = marks[field]
    if (value !== null && (!Number.isInteger(value) || value < 0)) errors[field] = 'media.intro.errors.whole'
  }
  if (!errors.introEndSec && introEndSec !== null && durationSec > 0 && introEndSec > durationSec) errors.introEndSec = 'media.intro.errors.afterEnd'
  if (!errors.outroStartSec && outroStartSec !== null && durationSec > 0 && outroStartSec > durationSec) errors.outroStartSec = 'media.intro.errors.afterEnd'
  if (!errors.introEndSec && !errors.outroStartSec && introEndSec !== null && outroStartSec !== null && introEndSec >= outroStartSec) {
    errors.outroStartSec = 'media.intro.errors.order'
  }
  return errors
}

/** Only the marks that differ from the saved ones (an unchanged editor sends nothing). */
export function changedMarks(saved: Marks, draft: Marks): Partial<Marks> {
  const changes: Partial<Marks> = {}
  if (saved.introEndSec !== draft.introEndSec) changes.introEndSec = draft.introEndSec
  if (saved.outroStartSec !== draft.outroStartSec) changes.outroStartSec = draft.outroStartSec
  return changes
}

/** Seconds as `m:ss` (`h:mm:ss` from an hour on); '—' for none. */
export function formatTimecode(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—'
  const total = Math.max(0, Math.floor(sec))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
