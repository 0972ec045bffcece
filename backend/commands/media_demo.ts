import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

interface DramaRow {
  id: number
  title: string
}
interface EpisodeRow {
  id: number
  number: number
}

/**
 * `node ace media:demo` — demo videos for the demo catalog, pushed through the real pipeline:
 * for every episode of the published dramas that has no video yet, it generates a short clip
 * (lavfi test pattern with the drama and episode number burned in, an intro jingle and an outro
 * sting shared by the drama, the episode's own noise in between), uploads it in chunks through
 * the admin API of a running server, which transcodes it like any operator upload. Episodes that
 * already have a video are skipped, so running it again only fills gaps.
 */
export default class MediaDemo extends BaseCommand {
  static override commandName = 'media:demo'
  static override description = 'Generate demo episode videos and upload them through the admin API'
  static override options: CommandOptions = { startApp: false }

  @flags.string({ description: 'API base URL', default: 'http://127.0.0.1:3333' })
  declare api: string
  @flags.string({ description: 'Admin email', default: 'admin@duanju.dev' }) declare email: string
  @flags.string({ description: 'Admin password', default: 'Duanju@2026' }) declare password: string
  @flags.number({ description: 'Seconds per episode', default: 12 }) declare seconds: number
  @flags.number({ description: 'At most this many episodes per drama (0: all)', default: 0 })
  declare perDrama: number

  async #call(path: string, token: string | null, init: RequestInit = {}) {
    const res = await fetch(`${this.api}${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body && !(init.body instanceof Uint8Array)
          ? { 'content-type': 'application/json' }
          : {}),
        ...(init.headers ?? {}),
      },
    })
    const text = await res.text()
    if (!res.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }

  override async run() {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { spawn } = await import('node:child_process')
    const { createHash } = await import('node:crypto')
    const { existsSync } = await import('node:fs')
    const { ffmpegBinaries } = await import('#core/media/ffmpeg')

    const bins = ffmpegBinaries()
    const font = [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    ].find((f) => existsSync(f))
    const login = await this.#call('/admin/v1/auth/login', null, {
      method: 'POST',
      body: JSON.stringify({ email: this.email, password: this.password }),
    })
    const token = login.token as string
    const dramas = (await this.#call('/admin/v1/dramas?state=published&limit=100', token))
      .data as DramaRow[]

    // Round-robin by episode number: every drama's first episodes become playable first.
    const queue: { drama: DramaRow; episode: EpisodeRow; index: number }[] = []
    for (const [index, drama] of dramas.entries()) {
      const episodes = (await this.#call(`/admin/v1/dramas/${drama.id}/episodes`, token))
        .data as EpisodeRow[]
      let taken = 0
      for (const episode of episodes) {
        if (this.perDrama && taken >= this.perDrama) break
        const processing = await this.#call(`/admin/v1/episodes/${episode.id}/processing`, token)
        if (processing.state !== 'none' && processing.state !== 'failed') continue
        queue.push({ drama, episode, index })
        taken++
      }
    }
    queue.sort((a, b) => a.episode.number - b.episode.number || a.index - b.index)
    if (!queue.length) {
      this.logger.info('every demo episode already has a video')
      return
    }
    this.logger.info(
      `generating ${queue.length} demo videos (${this.seconds} s each, ffmpeg from ${bins.source})`
    )

    const dir = await mkdtemp(join(tmpdir(), 'duanju-demo-'))
    try {
      for (const { drama, episode, index } of queue) {
        const file = join(dir, `d${drama.id}-e${episode.number}.mp4`)
        const seconds = Math.max(8, this.seconds)
        const introSec = 3
        const outroSec = 2
        const base = 330 + index * 70
        const label = `DRAMA ${drama.id}  EP ${episode.number}`
        const text = font
          ? `,drawtext=fontfile=${font}:text='${label}':fontsize=64:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=16:x=(w-tw)/2:y=h*0.42`
          : ''
        const args = [
          '-v',
          'error',
          '-y',
          '-f',
          'lavfi',
          '-i',
          `testsrc2=size=720x1280:rate=30:duration=${seconds}`,
          // The drama's jingle: a rising four-note figure, the same in every episode.
          '-f',
          'lavfi',
          '-i',
          `aevalsrc='0.5*sin(2*PI*(${base}+${base / 2}*floor(t*4/${introSec}*4)/4)*t)':s=44100:d=${introSec}`,
          '-f',
          'lavfi',
          '-i',
          `anoisesrc=d=${seconds - introSec - outroSec}:c=pink:seed=${drama.id * 1000 + episode.number}:a=0.25`,
          '-f',
          'lavfi',
          '-i',
          `aevalsrc='0.5*sin(2*PI*${base * 2}*t)*exp(-t)':s=44100:d=${outroSec}`,
          '-filter_complex',
          `[0:v]null${text}[v];[1:a][2:a][3:a]concat=n=3:v=0:a=1[a]`,
          '-map',
          '[v]',
          '-map',
          '[a]',
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-crf',
          '23',
          '-pix_fmt',
          'yuv420p',
          '-c:a',
          'aac',
          '-b:a',
          '128k',
          '-movflags',
          '+faststart',
          file,
        ]
        await new Promise<void>((resolve, reject) => {
          const child = spawn(bins.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] })
          let err = ''
          child.stderr.on('data', (d: Buffer) => (err += d))
          child.on('error', reject)
          child.on('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`ffmpeg: ${err}`))
          )
        })
        const bytes = await readFile(file)
        const init = await this.#call('/admin/v1/uploads', token, {
          method: 'POST',
          body: JSON.stringify({
            filename: `${drama.title}-第${episode.number}集.mp4`,
            sizeBytes: bytes.length,
            contentType: 'video/mp4',
            sha256: createHash('sha256').update(bytes).digest('hex'),
            purpose: 'episode',
            dramaId: drama.id,
            episodeId: episode.id,
          }),
        })
        for (let i = 0; i < init.totalChunks; i++) {
          if (init.uploadedChunks.includes(i)) continue
          const part = bytes.subarray(i * init.chunkSize, (i + 1) * init.chunkSize)
          await this.#call(`/admin/v1/uploads/${init.uploadId}/chunks/${i}`, token, {
            method: 'PUT',
            body: new Uint8Array(part),
            headers: {
              'content-type': 'application/octet-stream',
              'x-chunk-sha256': createHash('sha256').update(part).digest('hex'),
            },
          })
        }
        await this.#call(`/admin/v1/uploads/${init.uploadId}/complete`, token, { method: 'POST' })
        await rm(file, { force: true })
        this.logger.info(
          `uploaded ${drama.title} 第${episode.number}集 (transcoding on the server)`
        )
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
