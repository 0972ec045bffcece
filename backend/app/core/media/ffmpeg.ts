import { execFileSync, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import ffmpeg from 'fluent-ffmpeg'

export interface FfmpegBinaries {
  ffmpeg: string
  ffprobe: string
  /** `system`: found on PATH (or FFMPEG_PATH/FFPROBE_PATH); `npm`: shipped inside an npm package. */
  source: 'system' | 'npm'
  chromaprint: boolean
}

let resolved: FfmpegBinaries | undefined

function onPath(command: string): string | null {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
    return out.trim() || null
  } catch {
    return null
  }
}

function fromNpm(pkg: string): string | null {
  try {
    const require = createRequire(import.meta.url)
    const found = require(pkg) as { path?: string }
    return found.path && existsSync(found.path) ? found.path : null
  } catch {
    return null
  }
}

function hasChromaprint(ffmpegPath: string) {
  try {
    const out = execFileSync(ffmpegPath, ['-hide_banner', '-muxers'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return /\bchromaprint\b/.test(out)
  } catch {
    return false
  }
}

/**
 * ffmpeg and ffprobe: FFMPEG_PATH/FFPROBE_PATH when set, else the system binaries on PATH,
 * else the static builds shipped by `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`
 * (so `npm run dev` works on a machine with only Node and npm).
 */
export function ffmpegBinaries(): FfmpegBinaries {
  if (resolved) return resolved
  const systemFfmpeg = process.env.FFMPEG_PATH || onPath('ffmpeg')
  const systemFfprobe = process.env.FFPROBE_PATH || onPath('ffprobe')
  if (systemFfmpeg && systemFfprobe) {
    resolved = {
      ffmpeg: systemFfmpeg,
      ffprobe: systemFfprobe,
      source: 'system',
      chromaprint: hasChromaprint(systemFfmpeg),
    }
  } else {
    const npmFfmpeg = fromNpm('@ffmpeg-installer/ffmpeg')
    const npmFfprobe = fromNpm('@ffprobe-installer/ffprobe')
    if (!npmFfmpeg || !npmFfprobe) {
      throw new Error(
        'ffmpeg/ffprobe not found: install ffmpeg (apt-get install ffmpeg) or keep the optional npm packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe'
      )
    }
    resolved = {
      ffmpeg: npmFfmpeg,
      ffprobe: npmFfprobe,
      source: 'npm',
      chromaprint: hasChromaprint(npmFfmpeg),
    }
  }
  ffmpeg.setFfmpegPath(resolved.ffmpeg)
  ffmpeg.setFfprobePath(resolved.ffprobe)
  return resolved
}

export interface ProbeResult {
  formatName: string
  durationSec: number
  /** Displayed size: rotation metadata already applied. */
  width: number
  height: number
  rotation: number
  fps: number
  hasAudio: boolean
  videoCodec: string
  bitRate: number
}

export class ProbeError extends Error {
  constructor(
    readonly reason: 'not_video' | 'no_video_stream' | 'truncated',
    message: string
  ) {
    super(message)
    this.name = 'ProbeError'
  }
}

function parseRate(rate: string | undefined) {
  if (!rate) return 0
  const [num, den] = rate.split('/').map(Number)
  return den ? num! / den : Number(num) || 0
}

interface RawStream {
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  avg_frame_rate?: string
  r_frame_rate?: string
  duration?: string
  tags?: Record<string, string>
  side_data_list?: { rotation?: number | string }[]
}

/** ffprobe a local file; refuses what is not a playable video. */
export async function probeFile(path: string): Promise<ProbeResult> {
  const { ffprobe } = ffmpegBinaries()
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      ffprobe,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(out)
      else
        reject(
          new ProbeError(
            'not_video',
            `ffprobe could not read the file: ${err.trim().split('\n')[0] ?? code}`
          )
        )
    })
  })
  const parsed = JSON.parse(output) as {
    format?: { format_name?: string; duration?: string; bit_rate?: string }
    streams?: RawStream[]
  }
  const streams = parsed.streams ?? []
  const video = streams.find(
    (s) => s.codec_type === 'video' && !['mjpeg', 'png', 'bmp', 'gif'].includes(s.codec_name ?? '')
  )
  if (!video || !video.width || !video.height) {
    // Plain text is read by ffprobe's "tty" demuxer: that is not a media file at all.
    if (!streams.length || parsed.format?.format_name === 'tty') {
      throw new ProbeError('not_video', 'The file is not a video')
    }
    throw new ProbeError('no_video_stream', 'The file has no video stream')
  }
  const durationSec = Number(parsed.format?.duration ?? video.duration ?? 0)
  if (!Number.isFinite(durationSec) || durationSec <= 0) {
    throw new ProbeError('truncated', 'The video has no readable duration (truncated file?)')
  }
  const sideRotation = video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation
  const rotation = Math.abs(Number(sideRotation ?? video.tags?.rotate ?? 0)) % 360
  const quarter = rotation === 90 || rotation === 270
  return {
    formatName: parsed.format?.format_name ?? '',
    durationSec,
    width: quarter ? video.height : video.width,
    height: quarter ? video.width : video.height,
    rotation,
    fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate) || 30,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    videoCodec: video.codec_name ?? '',
    bitRate: Number(parsed.format?.bit_rate ?? 0) || 0,
  }
}

/**
 * Decodes the whole file once, fast, discarding the output: catches files whose header is fine
 * but whose data stops early (an interrupted copy). Only errors count, not warnings.
 */
export async function verifyDecodable(path: string, expectedDurationSec: number) {
  const { ffmpeg: bin } = ffmpegBinaries()
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      bin,
      ['-v', 'error', '-xerror', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'null', '-'],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(err) : resolve(err || `exit ${code}`)))
  })
  if (stderr.trim()) {
    throw new ProbeError(
      'truncated',
      `The video is damaged or incomplete (expected ${expectedDurationSec.toFixed(1)} s): ${stderr.trim().split('\n')[0]}`
    )
  }
}

export { ffmpeg }
