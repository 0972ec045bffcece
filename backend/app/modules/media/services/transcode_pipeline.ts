import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { ffmpeg, ffmpegBinaries, type ProbeResult } from '#core/media/ffmpeg'
import {
  buildTranscode,
  planLadder,
  spriteFor,
  thumbnailsVtt,
  type Rung,
  type WatermarkSpec,
} from '#modules/media/services/ladder'

export interface ProduceOptions {
  source: string
  probe: ProbeResult
  workDir: string
  preset: string
  watermark?: WatermarkSpec
  signal?: AbortSignal
  /** Called with 0..100 as ffmpeg advances (at most a few times a second). */
  onProgress?: (percent: number) => void
}

export interface ProducedOutput {
  outDir: string
  rungs: Rung[]
  key: Buffer
  iv: string
  files: string[]
  poster: string
  sprites: string[]
  thumbnails: string
  fingerprint: string | null
}

/** Where ffmpeg writes the key URI into playlists; playback replaces it with a signed URL. */
export const KEY_PLACEHOLDER = 'duanju-key://episode'

export class TranscodeAborted extends Error {
  constructor(reason: unknown) {
    super(`Transcoding stopped: ${reason instanceof Error ? reason.message : String(reason)}`)
    this.name = 'TranscodeAborted'
  }
}

function timemarkSeconds(mark: string | undefined) {
  if (!mark) return 0
  const [h, m, s] = mark.split(':').map(Number)
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)
}

/**
 * Source file in, encrypted HLS ladder out: one ffmpeg process decodes the source once and
 * writes every rendition, the poster, the thumbnail sprite sheets and the audio fingerprint.
 */
export async function produceHls(options: ProduceOptions): Promise<ProducedOutput> {
  const { probe } = options
  const bins = ffmpegBinaries()
  const outDir = join(options.workDir, 'out')
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  const key = randomBytes(16)
  const iv = randomBytes(16).toString('hex')
  const keyFile = join(options.workDir, 'enc.key')
  const keyInfoFile = join(options.workDir, 'enc.keyinfo')
  await writeFile(keyFile, key, { mode: 0o600 })
  await writeFile(keyInfoFile, `${KEY_PLACEHOLDER}\n${keyFile}\n${iv}\n`, { mode: 0o600 })

  const rungs = planLadder(probe.width, probe.height, probe.hasAudio)
  const sprite = spriteFor(probe.width, probe.height)
  const invocation = buildTranscode({
    input: options.source,
    outputDir: outDir,
    keyInfoFile,
    rungs,
    fps: probe.fps > 0 && probe.fps <= 120 ? probe.fps : 30,
    hasAudio: probe.hasAudio,
    durationSec: probe.durationSec,
    preset: options.preset,
    watermark: options.watermark,
    poster: true,
    sprite,
    fingerprint: bins.chromaprint,
  })

  await new Promise<void>((resolve, reject) => {
    const command = ffmpeg()
    for (const input of invocation.inputs) {
      command.input(input.path)
      if (input.options.length) command.inputOptions(...input.options)
    }
    // No stdin: an ffmpeg whose worker died must not wait for commands on a dead pipe.
    command.inputOptions('-nostdin')
    command.complexFilter(invocation.filterGraph)
    for (const output of invocation.outputs) {
      // Spread, not an array: fluent-ffmpeg splits array items holding exactly one space.
      command.output(output.target).outputOptions(...output.options)
    }
    let lastReported = -1
    let lastAt = 0
    command.on('progress', (p: { timemark?: string }) => {
      const percent = Math.min(
        99,
        Math.floor((timemarkSeconds(p.timemark) / Math.max(probe.durationSec, 0.001)) * 100)
      )
      const now = Date.now()
      if (percent > lastReported && now - lastAt >= 500) {
        lastReported = percent
        lastAt = now
        options.onProgress?.(percent)
      }
    })
    const onAbort = () => {
      command.kill('SIGKILL')
      reject(new TranscodeAborted(options.signal?.reason))
    }
    if (options.signal?.aborted) return onAbort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      options.signal?.removeEventListener('abort', onAbort)
      const tail = (stderr ?? '').trim().split('\n').slice(-3).join(' | ')
      reject(new Error(`ffmpeg failed: ${error.message}${tail ? ` — ${tail}` : ''}`))
    })
    command.on('end', () => {
      options.signal?.removeEventListener('abort', onAbort)
      resolve()
    })
    command.run()
  })

  const names = (await readdir(outDir, { recursive: true })) as string[]
  const sprites = names.filter((n) => /^sprite_\d+\.jpg$/.test(n)).sort()
  const thumbnails = 'thumbnails.vtt'
  await writeFile(
    join(outDir, thumbnails),
    thumbnailsVtt(
      probe.durationSec,
      sprite,
      (sheet) => `sprite_${String(sheet).padStart(2, '0')}.jpg`
    )
  )
  for (const [i, rung] of rungs.entries()) {
    if (!names.includes(join(`v${i}`, 'index.m3u8'))) {
      throw new Error(`ffmpeg finished without the ${rung!.label} playlist`)
    }
  }
  if (!names.includes('master.m3u8')) throw new Error('ffmpeg finished without a master playlist')
  const files = (
    (await readdir(outDir, { recursive: true, withFileTypes: true })) as import('node:fs').Dirent[]
  )
    .filter((d) => d.isFile())
    .map((d) => relative(outDir, join(d.parentPath, d.name)))
    .sort()
  return {
    outDir,
    rungs,
    key,
    iv,
    files,
    poster: 'poster.jpg',
    sprites,
    thumbnails,
    fingerprint: files.includes('fingerprint.raw') ? 'fingerprint.raw' : null,
  }
}
