import env from '#start/env'
import app from '@adonisjs/core/services/app'

const MiB = 1024 * 1024

/** Uploads, transcoding and playback URLs (see docs/media.md). */
export default {
  uploads: {
    chunkBytes: env.get('UPLOAD_CHUNK_BYTES', 5 * MiB),
    maxVideoBytes: env.get('UPLOAD_MAX_VIDEO_BYTES', 2048 * MiB),
    maxImageBytes: 5 * MiB,
    ttlHours: env.get('UPLOAD_TTL_HOURS', 24),
  },
  workDir: app.tmpPath('media'),
  transcode: {
    preset: env.get('TRANSCODE_PRESET', 'veryfast'),
    timeoutMinutes: env.get('TRANSCODE_TIMEOUT_MINUTES', 60),
    fontFile: env.get('MEDIA_FONT_FILE'),
  },
  playback: {
    urlTtlSec: env.get('PLAYBACK_URL_TTL_SEC', 2 * 60 * 60),
    refererAllowlist: (env.get('PLAYBACK_REFERER_ALLOWLIST') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    allowEmptyReferer: env.get('PLAYBACK_ALLOW_EMPTY_REFERER', true),
    cdn: {
      domain: env.get('OSS_CDN_DOMAIN'),
      authKey: env.get('OSS_CDN_AUTH_KEY')?.release(),
      authTtlSec: env.get('OSS_CDN_AUTH_TTL_SEC', 1800),
    },
  },
  benchRoutes: env.get('BENCH_ROUTES', false),
}
