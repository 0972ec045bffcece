import { spawn } from 'node:child_process'
import { createHash, createDecipheriv } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function run(cmd: string, args: string[], input?: Buffer) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d))
    child.stderr!.on('data', (d: Buffer) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    if (input) child.stdin!.end(input)
  })
}

export interface ClipOptions {
  width?: number
  height?: number
  seconds?: number
  audio?: boolean
  /** Seconds of a shared jingle (a fixed chirp) at the start of the audio. */
  jingleSec?: number
  /** Seed of the episode's own noise (different episodes, different audio after the jingle). */
  seed?: number
  rotate?: 90
  faststart?: boolean
}

/** A generated test clip (testsrc2 + audio), encoded fast. */
export async function makeClip(options: ClipOptions = {}) {
  const { width = 720, height = 1280, seconds = 4, audio = true, jingleSec = 0, seed = 1 } = options
  const dir = await mkdtemp(join(tmpdir(), 'duanju-clip-'))
  const out = join(dir, 'clip.mp4')
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=30:duration=${seconds}`,
  ]
  if (audio) {
    if (jingleSec > 0) {
      args.push(
        '-f',
        'lavfi',
        '-i',
        `aevalsrc='0.6*sin(2*PI*(300+200*floor(t*4))*t)':s=44100:d=${jingleSec}`,
        '-f',
        'lavfi',
        '-i',
        `anoisesrc=d=${seconds - jingleSec}:c=pink:seed=${seed}:a=0.4`,
        '-filter_complex',
        '[1:a][2:a]concat=n=2:v=0:a=1[a]',
        '-map',
        '0:v',
        '-map',
        '[a]'
      )
    } else {
      args.push('-f', 'lavfi', '-i', `sine=frequency=${300 + seed * 40}:duration=${seconds}`)
    }
  }
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p')
  if (audio) args.push('-c:a', 'aac', '-shortest')
  if (options.faststart) args.push('-movflags', '+faststart')
  args.push(out)
  const result = await run('ffmpeg', args)
  if (result.code !== 0) throw new Error(`ffmpeg could not make a clip: ${result.stderr}`)
  let file = out
  if (options.rotate) {
    // Rotation metadata (a display matrix) survives only a stream copy.
    file = join(dir, 'rotated.mp4')
    const copy = await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      out,
      '-c',
      'copy',
      '-metadata:s:v:0',
      `rotate=${options.rotate}`,
      file,
    ])
    if (copy.code !== 0) throw new Error(`ffmpeg could not rotate the clip: ${copy.stderr}`)
  }
  const bytes = await readFile(file)
  return { path: file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** Uploads bytes through the admin API, chunk by chunk; returns the complete response. */
export async function uploadFile(
  client: any,
  token: string,
  bytes: Buffer,
  body: Record<string, unknown>
) {
  const init = await client
    .post('/admin/v1/uploads')
    .bearerToken(token)
    .json({
      filename: 'ep.mp4',
      contentType: 'video/mp4',
      sizeBytes: bytes.length,
      purpose: 'episode',
      ...body,
    })
  if (init.status() >= 300) return { init, complete: null }
  const { uploadId, chunkSize, totalChunks, uploadedChunks } = init.body()
  for (let i = 0; i < totalChunks; i++) {
    if (uploadedChunks.includes(i)) continue
    const part = bytes.subarray(i * chunkSize, (i + 1) * chunkSize)
    const res = await putRaw(client, token, uploadId, i, part)
    if (res.status() !== 200) throw new Error(`chunk ${i}: ${res.status()} ${res.text()}`)
  }
  const complete = await client.post(`/admin/v1/uploads/${uploadId}/complete`).bearerToken(token)
  return { init, complete }
}

/**
 * PUT raw bytes as one chunk, with fetch against the test server (the japa client does not
 * send a Buffer body as-is). The answer mimics the japa response where the tests need it.
 */
export async function putRaw(
  _client: unknown,
  token: string,
  uploadId: string,
  index: number,
  part: Buffer,
  sha?: string
) {
  const res = await fetch(
    `http://${process.env.HOST}:${process.env.PORT}/admin/v1/uploads/${uploadId}/chunks/${index}`,
    {
      method: 'PUT',
      headers: {
        'authorization': `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'x-chunk-sha256': sha ?? createHash('sha256').update(part).digest('hex'),
      },
      body: new Uint8Array(part),
    }
  )
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  return {
    status: () => res.status,
    body: () => json,
    text: () => text,
    assertStatus(expected: number) {
      if (res.status !== expected)
        throw new Error(`expected ${expected}, got ${res.status}: ${text}`)
    },
  }
}

export function decryptSegment(segment: Buffer, key: Buffer, ivHex: string) {
  const decipher = createDecipheriv('aes-128-cbc', key, Buffer.from(ivHex, 'hex'))
  return Buffer.concat([decipher.update(segment), decipher.final()])
}

/** ffprobe on bytes from stdin: the streams it sees, or null when it cannot read them. */
export async function probeBytes(bytes: Buffer) {
  const r = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_streams',
      '-show_frames',
      '-read_intervals',
      '%+#1',
      '-i',
      'pipe:0',
    ],
    bytes
  )
  if (r.code !== 0) return null
  const parsed = JSON.parse(r.stdout) as { streams?: any[]; frames?: any[] }
  return parsed.streams?.length ? parsed : null
}
