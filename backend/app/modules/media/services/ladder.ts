/**
 * The HLS ladder and the single-pass ffmpeg command that produces it: the source is decoded once,
 * split, scaled per rendition and encoded in the same process (see docs/media.md).
 */

export interface Rung {
  /** `720p`: named by the short side, as viewers know resolutions. */
  label: string
  shortSide: number
  width: number
  height: number
  videoKbps: number
  /** Peak bandwidth announced in the master playlist (video maxrate + audio). */
  bandwidth: number
}

export const LADDER_SHORT_SIDES = [1080, 720, 480] as const
const KBPS: Record<number, number> = { 1080: 3500, 720: 1800, 480: 900 }
export const AUDIO_KBPS = 96
const MAXRATE_FACTOR = 1.07

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2)

/**
 * Rungs by the short side (480/720/1080 wide for a 9:16 video), never upscaling: a source
 * smaller than 480 on its short side gets one rendition at its own size.
 */
export function planLadder(width: number, height: number, hasAudio: boolean): Rung[] {
  const short = Math.min(width, height)
  const portrait = width <= height
  const sides: number[] = LADDER_SHORT_SIDES.filter((s) => s <= short)
  if (!sides.length) sides.push(even(short))
  return sides.map((side) => {
    const scaledLong = even((Math.max(width, height) * side) / short)
    const w = portrait ? side : scaledLong
    const h = portrait ? scaledLong : side
    const videoKbps = KBPS[side] ?? Math.max(200, Math.round((KBPS[480]! * (w * h)) / (480 * 854)))
    const audio = hasAudio ? AUDIO_KBPS : 0
    return {
      label: `${side}p`,
      shortSide: side,
      width: w,
      height: h,
      videoKbps,
      bandwidth: Math.round((videoKbps * MAXRATE_FACTOR + audio) * 1000),
    }
  })
}

export type WatermarkPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'

export type WatermarkSpec =
  | { kind: 'text'; text: string; position: WatermarkPosition; opacity: number; fontFile?: string }
  | { kind: 'image'; imagePath: string; position: WatermarkPosition; opacity: number }

export interface SpriteSpec {
  everySec: number
  /** One thumbnail's size. */
  width: number
  height: number
  columns: number
  rows: number
}

/** Thumbnails 160 px wide (keeping the displayed aspect), a new one every 2 s, 10x10 per sheet. */
export function spriteFor(width: number, height: number): SpriteSpec {
  return { everySec: 2, width: 160, height: even((160 * height) / width), columns: 10, rows: 10 }
}

export interface TranscodePlan {
  input: string
  outputDir: string
  keyInfoFile: string
  rungs: Rung[]
  fps: number
  hasAudio: boolean
  durationSec: number
  preset?: string
  segmentSec?: number
  watermark?: WatermarkSpec
  /** Extras written by the same process: poster, thumbnail sprite, audio fingerprint. */
  poster?: boolean
  sprite?: SpriteSpec
  fingerprint?: boolean
}

export interface FfmpegInvocation {
  inputs: { path: string; options: string[] }[]
  filterGraph: string
  outputs: { target: string; options: string[] }[]
}

const MARGIN = 24

function overlayXY(position: WatermarkPosition) {
  const x = position.endsWith('left') ? `${MARGIN}` : `main_w-overlay_w-${MARGIN}`
  const y = position.startsWith('top') ? `${MARGIN}` : `main_h-overlay_h-${MARGIN}`
  return { x, y }
}

function textXY(position: WatermarkPosition) {
  const x = position.endsWith('left') ? `${MARGIN}` : `w-tw-${MARGIN}`
  const y = position.startsWith('top') ? `${MARGIN}` : `h-th-${MARGIN}`
  return { x, y }
}

/**
 * Watermark text as drawtext can take it inside quotes: characters that have meaning in a
 * filtergraph or in drawtext's expansion are dropped, and the length is capped.
 */
export function safeDrawtext(text: string) {
  return text
    .replace(/['"\\:;,[\]%{}=\n\r]/g, '')
    .trim()
    .slice(0, 40)
}

/** The GOP in frames: a keyframe every 2 s, the same in every rendition, so segments align. */
export function gopFrames(fps: number) {
  return Math.max(1, Math.round(fps * 2))
}

/** Builds inputs, filtergraph and outputs of the one ffmpeg process that makes the whole ladder. */
export function buildTranscode(plan: TranscodePlan): FfmpegInvocation {
  const inputs: FfmpegInvocation['inputs'] = [{ path: plan.input, options: [] }]
  const chains: string[] = []
  let source = '[0:v]'

  if (plan.watermark?.kind === 'image') {
    inputs.push({ path: plan.watermark.imagePath, options: [] })
    const { x, y } = overlayXY(plan.watermark.position)
    // The mark is sized against the source width (12%), then laid on before scaling.
    chains.push(
      `[1:v]format=rgba,colorchannelmixer=aa=${plan.watermark.opacity.toFixed(2)}[wm];` +
        `[wm][0:v]scale2ref=w=oh*mdar:h=ih*0.06[wms][base];[base][wms]overlay=${x}:${y}[marked]`
    )
    source = '[marked]'
  } else if (plan.watermark?.kind === 'text') {
    const { x, y } = textXY(plan.watermark.position)
    const fontFile = plan.watermark.fontFile
    const font = fontFile && /^[\w./-]+$/.test(fontFile) ? `fontfile=${fontFile}` : 'font=Sans'
    chains.push(
      `[0:v]drawtext=${font}:text='${safeDrawtext(plan.watermark.text)}':` +
        `fontsize=h*0.035:fontcolor=white@${plan.watermark.opacity.toFixed(2)}:` +
        `borderw=2:bordercolor=black@${(plan.watermark.opacity * 0.6).toFixed(2)}:x=${x}:y=${y}[marked]`
    )
    source = '[marked]'
  }

  const branches = plan.rungs.map((_, i) => `[r${i}]`)
  if (plan.poster) branches.push('[rp]')
  if (plan.sprite) branches.push('[rs]')
  chains.push(`${source}split=${branches.length}${branches.join('')}`)
  plan.rungs.forEach((rung, i) => {
    chains.push(`[r${i}]scale=${rung.width}:${rung.height},setsar=1[v${i}]`)
  })
  const posterAt = Math.min(1, plan.durationSec / 2)
  if (plan.poster) {
    const top = plan.rungs[0]!
    chains.push(
      // A short trim ends the branch after a frame or two, so nothing is scaled past the poster.
      `[rp]trim=start=${posterAt.toFixed(3)}:duration=0.1,setpts=PTS-STARTPTS,scale=${top.width}:${top.height},setsar=1[poster]`
    )
  }
  if (plan.sprite) {
    const s = plan.sprite
    chains.push(
      `[rs]fps=1/${s.everySec},scale=${s.width}:${s.height},setsar=1,tile=${s.columns}x${s.rows}[sprite]`
    )
  }

  const gop = gopFrames(plan.fps)
  const hls: string[] = []
  plan.rungs.forEach((_, i) => hls.push('-map', `[v${i}]`))
  if (plan.hasAudio) plan.rungs.forEach(() => hls.push('-map', '0:a:0'))
  hls.push(
    '-c:v',
    'libx264',
    '-preset',
    plan.preset ?? 'veryfast',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(Math.round(plan.fps * 1000) / 1000),
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-force_key_frames',
    'expr:gte(t,n_forced*2)'
  )
  plan.rungs.forEach((rung, i) => {
    hls.push(
      `-b:v:${i}`,
      `${rung.videoKbps}k`,
      `-maxrate:v:${i}`,
      `${Math.round(rung.videoKbps * MAXRATE_FACTOR)}k`,
      `-bufsize:v:${i}`,
      `${Math.round(rung.videoKbps * 1.5)}k`
    )
  })
  if (plan.hasAudio) hls.push('-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2', '-ar', '44100')
  hls.push(
    '-f',
    'hls',
    '-hls_time',
    String(plan.segmentSec ?? 4),
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_key_info_file',
    plan.keyInfoFile,
    '-hls_segment_filename',
    `${plan.outputDir}/v%v/seg_%03d.ts`,
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    plan.rungs.map((_, i) => (plan.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' ')
  )
  const outputs: FfmpegInvocation['outputs'] = [
    { target: `${plan.outputDir}/v%v/index.m3u8`, options: hls },
  ]
  if (plan.poster) {
    outputs.push({
      target: `${plan.outputDir}/poster.jpg`,
      options: ['-map', '[poster]', '-frames:v', '1', '-q:v', '3'],
    })
  }
  if (plan.sprite) {
    outputs.push({
      target: `${plan.outputDir}/sprite_%02d.jpg`,
      options: ['-map', '[sprite]', '-q:v', '5'],
    })
  }
  if (plan.fingerprint && plan.hasAudio) {
    outputs.push({
      target: `${plan.outputDir}/fingerprint.raw`,
      options: ['-map', '0:a:0', '-f', 'chromaprint', '-fp_format', 'raw'],
    })
  }
  return { inputs, filterGraph: chains.join(';'), outputs }
}

/** The same invocation as one argument list (for the benchmark's bare run and for logs). */
export function toArgs(invocation: FfmpegInvocation): string[] {
  const args = ['-hide_banner', '-nostdin', '-y']
  for (const input of invocation.inputs) args.push(...input.options, '-i', input.path)
  args.push('-filter_complex', invocation.filterGraph)
  for (const output of invocation.outputs) args.push(...output.options, output.target)
  return args
}

/** WebVTT cues pointing into the sprite sheets: one thumbnail every `everySec` seconds. */
export function thumbnailsVtt(
  durationSec: number,
  sprite: SpriteSpec,
  sheetName: (sheet: number) => string
) {
  const lines = ['WEBVTT', '']
  const perSheet = sprite.columns * sprite.rows
  const count = Math.max(1, Math.ceil(durationSec / sprite.everySec))
  for (let i = 0; i < count; i++) {
    const start = i * sprite.everySec
    const end = Math.min(durationSec, start + sprite.everySec)
    const sheet = Math.floor(i / perSheet) + 1
    const cell = i % perSheet
    const x = (cell % sprite.columns) * sprite.width
    const y = Math.floor(cell / sprite.columns) * sprite.height
    lines.push(
      `${vttTime(start)} --> ${vttTime(end)}`,
      `${sheetName(sheet)}#xywh=${x},${y},${sprite.width},${sprite.height}`,
      ''
    )
  }
  return lines.join('\n')
}

function vttTime(sec: number) {
  const ms = Math.round(sec * 1000)
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = Math.floor((ms % 60_000) / 1000)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`
}
