import type MediaUpload from '#modules/media/models/media_upload'
import type EpisodeMedia from '#modules/media/models/episode_media'
import type DramaWatermark from '#modules/media/models/drama_watermark'
import type { EpisodeRef } from '#modules/catalog/services/episode_media_lifecycle'

export const MediaTransformer = {
  upload(upload: MediaUpload, uploadedChunks: number[]) {
    return {
      uploadId: upload.id,
      state: upload.state,
      purpose: upload.purpose,
      filename: upload.filename,
      sizeBytes: upload.sizeBytes,
      chunkSize: upload.chunkSize,
      totalChunks: upload.totalChunks,
      uploadedChunks,
      error: upload.error,
      expiresAt: upload.expiresAt.toISO(),
    }
  },

  completed(upload: MediaUpload) {
    return {
      uploadId: upload.id,
      state: upload.state,
      purpose: upload.purpose,
      target: upload.result?.target ?? null,
      ...(upload.result?.probe ? { probe: upload.result.probe } : {}),
    }
  },

  processing(episode: EpisodeRef, media: EpisodeMedia | null, posterUrl: string | null) {
    return {
      episodeId: episode.id,
      dramaId: episode.dramaId,
      episodeState: episode.state,
      state: media?.state ?? 'none',
      progress: media?.progress ?? 0,
      attempts: media?.attempts ?? 0,
      error: media?.error ?? null,
      revision: media?.revision ?? 0,
      liveRevision: media?.liveRevision ?? 0,
      ladder: (media?.liveRevision ? media.ladder : []).map((r) => ({
        label: r.label,
        width: r.width,
        height: r.height,
        bandwidth: r.bandwidth,
      })),
      durationSec: media ? Math.round(media.durationMs / 100) / 10 : episode.durationSec,
      hasAudio: media?.hasAudio ?? false,
      source: media
        ? { filename: media.sourceName, bytes: media.sourceBytes, probe: media.probe }
        : null,
      posterUrl,
      updatedAt: media?.updatedAt.toISO() ?? null,
      intro: {
        introEndSec: episode.introEndSec,
        outroStartSec: episode.outroStartSec,
        proposedIntroEndSec: media?.proposedIntroEndSec ?? null,
        proposedOutroStartSec: media?.proposedOutroStartSec ?? null,
      },
    }
  },

  watermark(dramaId: number, mark: DramaWatermark | null) {
    return {
      dramaId,
      kind: mark?.kind ?? 'none',
      text: mark?.text ?? null,
      hasImage: Boolean(mark?.imageKey),
      position: mark?.position ?? 'top-right',
      opacity: (mark?.opacityPct ?? 80) / 100,
    }
  },
}
