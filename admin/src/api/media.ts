import type { EpisodeState } from './episodes'
import { http } from './http'

/**
 * Transcoding status, preview, intro/outro detection and the drama watermark (permission
 * media.manage). The calls are silent: the screens word the failures (useMediaErrors).
 */

export type ProcessingState = 'none' | 'queued' | 'processing' | 'ready' | 'failed'

/** One rung of the HLS ladder, named by its short side (`720p`). */
export interface Rendition {
  label: string
  width: number
  height: number
  /** Peak bits per second, as the master playlist announces it. */
  bandwidth: number
}

export interface IntroMarks {
  introEndSec: number | null
  outroStartSec: number | null
  /** What detection found (comparing the drama's episodes); null until it ran or when it found nothing. */
  proposedIntroEndSec: number | null
  proposedOutroStartSec: number | null
}

/** Where an episode's video is between upload and playable HLS. */
export interface EpisodeProcessing {
  episodeId: number
  dramaId: number
  episodeState: EpisodeState
  state: ProcessingState
  /** 0–100 */
  progress: number
  attempts: number
  error: string | null
  ladder: Rendition[]
  durationSec: number
  hasAudio: boolean
  posterUrl: string | null
  updatedAt: string | null
  intro: IntroMarks
}

/** What the live channel `admin/dramas/<id>/processing` sends on every change. */
export interface ProcessingEvent {
  episodeId: number
  dramaId: number
  state: ProcessingState
  progress: number
  /** null when the episode row was not read for this message. */
  episodeState: EpisodeState | null
  error: string | null
}

export interface PreviewRendition extends Rendition {
  /** Signed media playlist of this rendition alone (a manual switch without hls.js). */
  url: string
}

/** Signed URLs for the admin to watch an episode in any state once its media is ready (valid 30 minutes). */
export interface EpisodePreview {
  masterUrl: string
  expiresAt: string
  renditions: PreviewRendition[]
  posterUrl: string | null
  thumbnailsVttUrl: string | null
  durationSec: number
}

export const WATERMARK_KINDS = ['none', 'text', 'image'] as const
export type WatermarkKind = (typeof WATERMARK_KINDS)[number]
export const WATERMARK_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number]
export const WATERMARK_TEXT_MAX = 40
export const WATERMARK_OPACITY_MIN = 0.1

/** Burnt into the video when it is transcoded. `hasImage`: a PNG was uploaded for the drama. */
export interface DramaWatermark {
  dramaId: number
  kind: WatermarkKind
  text: string | null
  hasImage: boolean
  position: WatermarkPosition
  /** 0.1–1 */
  opacity: number
}

export interface WatermarkInput {
  kind: WatermarkKind
  text?: string
  position: WatermarkPosition
  opacity?: number
}

function episodePath(id: number | string, action: string): string {
  return `/admin/v1/episodes/${encodeURIComponent(String(id))}${action}`
}

function dramaPath(id: number | string, action: string): string {
  return `/admin/v1/dramas/${encodeURIComponent(String(id))}${action}`
}

export function getProcessing(episodeId: number | string): Promise<EpisodeProcessing> {
  return http.get<EpisodeProcessing>(episodePath(episodeId, '/processing'), { silent: true })
}

/** The processing state of every episode of a drama that has a video (the episodes tab on load). */
export async function listProcessing(dramaId: number | string): Promise<EpisodeProcessing[]> {
  return (await http.get<{ data: EpisodeProcessing[] }>(dramaPath(dramaId, '/processing'), { silent: true })).data
}

/** Transcodes the stored source again (failed or ready episodes). */
export async function retryProcessing(episodeId: number | string): Promise<void> {
  await http.post<unknown>(episodePath(episodeId, '/processing/retry'), undefined, { silent: true })
}

/** 409 MEDIA_NOT_READY while the episode has nothing playable. */
export function getPreview(episodeId: number | string): Promise<EpisodePreview> {
  return http.get<EpisodePreview>(episodePath(episodeId, '/preview'), { silent: true })
}

/** Queues detection over the drama's episodes; the proposals then appear in processing and preview. */
export async function detectIntroOutro(dramaId: number | string): Promise<void> {
  await http.post<{ queued: boolean }>(dramaPath(dramaId, '/intro-outro/detect'), undefined, { silent: true })
}

/** Takes the proposals as the episodes' intro end and outro start (all episodes with proposals when `episodeIds` is absent). */
export async function applyIntroOutro(dramaId: number | string, episodeIds?: number[]): Promise<number> {
  const body = episodeIds ? { episodeIds } : {}
  const result = await http.post<{ applied: number }>(dramaPath(dramaId, '/intro-outro/apply'), body, { silent: true })
  return result.applied
}

export function getWatermark(dramaId: number | string): Promise<DramaWatermark> {
  return http.get<DramaWatermark>(dramaPath(dramaId, '/watermark'), { silent: true })
}

export function saveWatermark(dramaId: number | string, input: WatermarkInput): Promise<DramaWatermark> {
  return http.put<DramaWatermark>(dramaPath(dramaId, '/watermark'), input, { silent: true })
}
