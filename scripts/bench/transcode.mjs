#!/usr/bin/env node
// Transcoding benchmark: the project's pipeline vs the same ladder as one bare ffmpeg command vs
// one ffmpeg process per rendition (PeerTube style), timed one after another in one run on a
// generated 1080x1920 source. Prints the times, the ratios and PASS/FAIL per target; exits 1 when
// a target is missed or an output is broken. See scripts/bench/README.md.
//
//   node scripts/bench/transcode.mjs [--seconds 30] [--noise 20] [--crf 18] [--source-preset superfast] [--preset veryfast] [--rounds 1] [--keep]
import { spawn } from 'node:child_process'
import { createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const TARGET_PIPELINE_OVER_BARE = 1.1 // pipeline / bare   <= 1.10
const TARGET_PER_RENDITION_OVER_PIPELINE = 1.7 // per-rendition / pipeline >= 1.7
const EXPECTED = [
  { label: '1080p', width: 1080, height: 1920 },
  { label: '720p', width: 720, height: 1280 },
  { label: '480p', width: 480, height: 854 },
]

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const backend = join(root, 'backend')

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    noise: { type: 'string', default: '20' },
    crf: { type: 'string', default: '18' },
    'source-preset': { type: 'string', default: 'superfast' },
    preset: { type: 'string', default: 'veryfast' },
    rounds: { type: 'string', default: '1' },
    ffmpeg: { type: 'string', default: process.env.FFMPEG_PATH || 'ffmpeg' },
    ffprobe: { type: 'string', default: process.env.FFPROBE_PATH || 'ffprobe' },
    keep: { type: 'boolean', default: false },
    'from-sources': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (opts.help) {
  console.log(
    'usage: node scripts/bench/transcode.mjs [--seconds 30] [--noise 20] [--crf 18] [--source-preset superfast] [--preset veryfast] [--rounds 1] [--keep]\n' +
      '  --seconds  source length (default 30; 10 for a quick run)\n' +
      '  --noise    strength of the temporal noise on testsrc2 (ffmpeg noise=alls=N; default 20)\n' +
      '  --crf      x264 CRF of the generated source (default 18). Noise 20 / CRF 18 gives a very\n' +
      '             high-bitrate source (~160 Mb/s); --noise 8 --crf 23 gives ~10 Mb/s\n' +
      '  --source-preset  x264 preset of the generated source (default superfast: High profile, CABAC,\n' +
      '             deblocking, B-frames, like an editor export; ultrafast has none of these and is\n' +
      '             ~2.5x cheaper to decode per frame)\n' +
      '  --preset   x264 preset of the ladder, for all three approaches (default veryfast, the pipeline default)\n' +
      '  --rounds   repeat a), b), c) N times (alternating) and judge on the median of each (default 1)\n' +
      '  --keep     keep the temp folder (source and outputs)\n' +
      '  --from-sources  run the pipeline from the TypeScript sources (ts-exec) instead of the\n' +
      '             compiled build that production workers run (`node ace build` first, untimed)'
  )
  process.exit(0)
}
const seconds = Number(opts.seconds)
if (!(seconds >= 4 && seconds <= 600)) throw new Error('--seconds must be between 4 and 600')
const noise = Number(opts.noise)
const crf = Number(opts.crf)
if (!(noise >= 0 && noise <= 100) || !(crf >= 0 && crf <= 51)) throw new Error('bad --noise/--crf')
if (!/^[a-z]+$/.test(opts.preset)) throw new Error('bad --preset')
if (!/^[a-z]+$/.test(opts['source-preset'])) throw new Error('bad --source-preset')
const rounds = Number(opts.rounds)
if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 20)) throw new Error('--rounds must be 1..20')

const work = mkdtempSync(join(tmpdir(), 'duanju-bench-transcode-'))
const cleanup = () => {
  if (opts.keep) console.log(`(kept ${work})`)
  else rmSync(work, { recursive: true, force: true })
}
let child = null
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }
    cleanup()
    process.exit(130)
  })
}

/**
 * Runs a command under bash's `time` (wall, user and system seconds of the whole process tree).
 * Resolves with { code, stdout, stderrTail, wall, user, sys }.
 */
function timed(cmd, args, { cwd = root, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const script = 'TIMEFORMAT="@@time %R %U %S"; time "$@"'
    const started = performance.now()
    // Its own process group, so an interrupted run can stop ffmpeg and not only the bash around it.
    child = spawn('bash', ['-c', script, 'bash', cmd, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => {
      stderr += c
      if (stderr.length > 64_000) stderr = stderr.slice(-32_000)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      child = null
      const ownWall = (performance.now() - started) / 1000
      const m = stderr.match(/@@time ([\d.]+) ([\d.]+) ([\d.]+)\s*$/)
      const tail = stderr.replace(/@@time [\d. ]+\s*$/, '').trim().split('\n').slice(-6).join('\n')
      resolve({
        code: code ?? 1,
        stdout,
        stderrTail: tail,
        wall: ownWall,
        user: m ? Number(m[2]) : NaN,
        sys: m ? Number(m[3]) : NaN,
      })
    })
  })
}

function must(result, what) {
  if (result.code !== 0) {
    throw new Error(`${what} failed (exit ${result.code}):\n${result.stderrTail}\n${result.stdout.slice(-2000)}`)
  }
  return result
}

function load() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

/** The ace env: the minimum the backend needs to boot for a command (no Redis, embedded SQLite). */
function aceEnv() {
  const keep = ['PATH', 'HOME', 'USER', 'LANG', 'TMPDIR', 'TZ', 'FFMPEG_PATH', 'FFPROBE_PATH', 'npm_config_nodedir']
  const env = {}
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k]
  return {
    ...env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '3999',
    APP_KEY: randomBytes(24).toString('base64url').slice(0, 32),
    APP_URL: 'http://127.0.0.1:3999',
    LOG_LEVEL: 'warn',
    DB_CONNECTION: 'sqlite',
    DATABASE_URL: join(work, 'bench.sqlite3'),
    QUEUE_DRIVER: 'inline',
    STORAGE_DRIVER: 'local',
    STORAGE_LOCAL_ROOT: join(work, 'storage'),
    SCHEDULER_ENABLED: 'false',
  }
}

// ---- HLS output checks ------------------------------------------------------------------------

/** `High, CABAC, 2 B-frames`-style summary of the source's video stream, for the printout. */
async function videoProfile(path) {
  const r = await timed(opts.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=profile,has_b_frames', '-of', 'json', path])
  try {
    const s = JSON.parse(r.stdout).streams[0]
    return `${s.profile}, has_b_frames=${s.has_b_frames}`
  } catch {
    return 'profile unknown'
  }
}

async function probeStreams(buffer) {
  return new Promise((resolve) => {
    const p = spawn(opts.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,width,height', '-of', 'json', '-i', 'pipe:0'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    p.stdout.on('data', (c) => (out += c))
    p.stdin.on('error', () => {})
    p.stdin.end(buffer)
    p.on('close', (code) => {
      try {
        resolve(code === 0 ? JSON.parse(out).streams ?? [] : null)
      } catch {
        resolve(null)
      }
    })
  })
}

/**
 * Checks an HLS tree: (master with the 3 renditions,) each variant playlist complete (ENDLIST),
 * AES-128 encrypted, covering the source duration, every segment present, and the first segment
 * decrypting (with `keyFile`) to video of the expected size, with audio.
 */
async function verifyHls(dir, keyFile, { master }) {
  const problems = []
  const key = await readFile(keyFile).catch(() => null)
  if (!key || key.length !== 16) problems.push(`key ${keyFile} missing or not 16 bytes`)
  if (master) {
    const text = await readFile(join(dir, 'master.m3u8'), 'utf8').catch(() => null)
    if (!text) problems.push('master.m3u8 missing')
    else {
      EXPECTED.forEach((r, i) => {
        const re = new RegExp(`RESOLUTION=${r.width}x${r.height}[^\\n]*\\n(v${i}/)?index\\.m3u8`)
        if (!re.test(text)) problems.push(`master.m3u8 does not list v${i}/index.m3u8 at ${r.width}x${r.height}`)
      })
    }
  }
  for (const [i, r] of EXPECTED.entries()) {
    const vdir = join(dir, `v${i}`)
    const text = await readFile(join(vdir, 'index.m3u8'), 'utf8').catch(() => null)
    if (!text) {
      problems.push(`v${i}/index.m3u8 missing`)
      continue
    }
    if (!text.includes('#EXT-X-ENDLIST')) problems.push(`v${i}: playlist not finished (no ENDLIST)`)
    const keyLine = text.split('\n').find((l) => l.startsWith('#EXT-X-KEY'))
    if (!keyLine || !keyLine.includes('METHOD=AES-128')) problems.push(`v${i}: not AES-128 encrypted`)
    const total = [...text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0)
    if (Math.abs(total - seconds) > Math.max(1, seconds * 0.05)) {
      problems.push(`v${i}: segments cover ${total.toFixed(2)} s of a ${seconds} s source`)
    }
    const segments = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.trim())
    if (!segments.length) problems.push(`v${i}: no segments`)
    for (const s of segments) {
      const size = await stat(join(vdir, s)).then((st) => st.size).catch(() => 0)
      if (!size) problems.push(`v${i}: segment ${s} missing or empty`)
    }
    if (!segments.length || !key || !keyLine) continue
    // First segment: media sequence 0; explicit IV when the playlist has one.
    const ivHex = keyLine.match(/IV=0x([\da-fA-F]{32})/)?.[1]
    const iv = ivHex ? Buffer.from(ivHex, 'hex') : Buffer.alloc(16)
    const data = await readFile(join(vdir, segments[0])).catch(() => Buffer.alloc(0))
    let clear = null
    try {
      const d = createDecipheriv('aes-128-cbc', key, iv)
      clear = Buffer.concat([d.update(data), d.final()])
    } catch {
      problems.push(`v${i}: first segment does not decrypt with the key`)
      continue
    }
    const streams = await probeStreams(clear)
    const video = streams?.find((s) => s.codec_type === 'video')
    if (!video) problems.push(`v${i}: decrypted first segment has no decodable video`)
    else if (video.width !== r.width || video.height !== r.height) {
      problems.push(`v${i}: ${video.width}x${video.height}, expected ${r.width}x${r.height}`)
    }
    if (!streams?.some((s) => s.codec_type === 'audio')) problems.push(`v${i}: no audio in the first segment`)
  }
  return problems
}

// ---- per-rendition commands, derived from the bare single-pass arguments -----------------------

/**
 * Splits the bare single-pass argument list into what one rendition needs: its scale filter, its
 * bitrate options, and every shared output option (x264 settings, GOP, audio, HLS), dropping only
 * what ties renditions together (split, the stream map, the master playlist).
 */
function perRenditionArgs(bare, keyInfoFile, outDir) {
  const at = (flag) => bare.indexOf(flag)
  const input = bare[at('-i') + 1]
  const graph = bare[at('-filter_complex') + 1]
  const scales = new Map()
  for (const chain of graph.split(';')) {
    const m = chain.match(/^\[r(\d+)\](.+)\[v\1\]$/)
    if (m) scales.set(Number(m[1]), m[2])
  }
  const outStart = at('-filter_complex') + 2
  const target = bare[bare.length - 1]
  const rest = bare.slice(outStart, -1)
  const shared = []
  const perRung = new Map()
  let hasAudio = false
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i]
    const value = rest[i + 1]
    if (!flag.startsWith('-') || value === undefined) throw new Error(`unexpected bare argument ${flag}`)
    let m
    if (flag === '-map') {
      if (value.startsWith('0:a')) hasAudio = true
    } else if ((m = flag.match(/^-(b|maxrate|bufsize):v:(\d+)$/))) {
      const n = Number(m[2])
      if (!perRung.has(n)) perRung.set(n, [])
      perRung.get(n).push(`-${m[1]}:v`, value)
    } else if (flag === '-var_stream_map' || flag === '-master_pl_name') {
      // ties the renditions of one process together; not used per rendition
    } else if (flag === '-hls_key_info_file') {
      shared.push(flag, keyInfoFile)
    } else if (flag === '-hls_segment_filename') {
      shared.push(flag, '__SEGMENTS__')
    } else {
      shared.push(flag, value)
    }
  }
  if (scales.size !== EXPECTED.length || perRung.size !== EXPECTED.length) {
    throw new Error(`bare args describe ${scales.size} scales / ${perRung.size} bitrates, expected ${EXPECTED.length}`)
  }
  if (!target.includes('%v')) throw new Error(`bare output ${target} has no %v`)
  return [...scales.keys()].sort().map((n) => {
    const segments = join(outDir, `v${n}`, 'seg_%03d.ts')
    return [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-i',
      input,
      '-filter_complex',
      `[0:v]${scales.get(n)}[v]`,
      '-map',
      '[v]',
      ...(hasAudio ? ['-map', '0:a:0'] : []),
      ...shared.map((a) => (a === '__SEGMENTS__' ? segments : a)),
      ...perRung.get(n),
      join(outDir, `v${n}`, 'index.m3u8'),
    ]
  })
}

// ---- the run -----------------------------------------------------------------------------------

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')

async function main() {
  console.log(`==> transcode benchmark: ${seconds} s source, 1080x1920 30 fps, testsrc2 + noise=${noise}, x264 ${opts.preset}`)
  console.log(`    work dir ${work}; load average at start ${load()}`)

  // Source.
  const src = join(work, 'source.mp4')
  const gen = must(
    await timed(opts.ffmpeg, [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=1080x1920:rate=30',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', String(seconds),
      '-vf', `noise=alls=${noise}:allf=t+u`,
      '-c:v', 'libx264', '-preset', opts['source-preset'], '-crf', String(crf), '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart',
      src,
    ]),
    'generating the source'
  )
  const srcBytes = (await stat(src)).size
  console.log(
    `    source: ${(srcBytes / 1e6).toFixed(1)} MB, ${((srcBytes * 8) / seconds / 1e6).toFixed(1)} Mb/s, x264 ${opts['source-preset']} ` +
      `(${await videoProfile(src)}; generated in ${fmt(gen.wall)} s)`
  )
  // For information: what decoding the source once costs. Every approach pays it once per pass
  // over the source, so it is what one decode for the whole ladder saves.
  const decode = must(
    await timed(opts.ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', src, '-map', '0:v', '-f', 'null', '-']),
    'decoding the source'
  )
  console.log(`    decoding it once (ffmpeg -f null): wall ${fmt(decode.wall)} s, cpu ${fmt(decode.user + decode.sys)} s`)

  const env = aceEnv()
  // The pipeline as production workers run it: the compiled build (built here, not timed).
  // --from-sources runs `node ace` with ts-exec instead, which adds ~1 s of transpiling at boot.
  let aceDir = backend
  let aceEntry = 'ace'
  if (!opts['from-sources']) {
    must(await timed(process.execPath, ['ace', 'build'], { cwd: backend }), 'node ace build')
    aceDir = join(backend, 'build')
    aceEntry = 'ace.js'
  }
  console.log(`    pipeline runs from ${opts['from-sources'] ? 'the sources (ts-exec)' : 'the compiled build (backend/build)'}`)
  const ace = (args) => timed(process.execPath, [aceEntry, ...args], { cwd: aceDir, env })

  // The bare argument list, from the project's own ladder code (not timed).
  const bareDir = join(work, 'bare')
  const bareArgsRun = must(
    await ace(['media:transcode-file', src, bareDir, '--bare-args', `--preset=${opts.preset}`]),
    'ace media:transcode-file --bare-args'
  )
  const bareArgs = JSON.parse(bareArgsRun.stdout.trim().split('\n').pop())
  if (!Array.isArray(bareArgs) || !bareArgs.includes('-var_stream_map')) throw new Error('unexpected --bare-args output')

  const median = (xs) => {
    const s = [...xs].sort((x, y) => x - y)
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }
  const cpu = (r) => r.user + r.sys
  const rows = []
  const problems = []

  for (let round = 1; round <= rounds; round++) {
    const tag = rounds > 1 ? ` [round ${round}/${rounds}]` : ''
    const roundDir = join(work, `round${round}`)

    // a) the pipeline, as the transcode job runs it (whole process, Node boot included).
    const pipeDir = join(roundDir, 'pipeline')
    console.log(`\n==> a) pipeline: node ace media:transcode-file${tag} (load ${load()})`)
    const a = must(await ace(['media:transcode-file', src, pipeDir, `--preset=${opts.preset}`]), 'the pipeline')
    const report = JSON.parse(a.stdout.trim().split('\n').pop())
    a.inside = report.seconds
    console.log(
      `    wall ${fmt(a.wall)} s (inside the command: ${fmt(report.seconds)} s; boot/probe/exit ${fmt(a.wall - report.seconds)} s), cpu ${fmt(cpu(a))} s; ` +
        `renditions ${report.renditions.join('/')}, ${report.files} files stored`
    )

    // b) the same ladder, one bare ffmpeg (outputs into bareDir, written by --bare-args).
    await rm(join(bareDir, 'hls'), { recursive: true, force: true })
    console.log(`\n==> b) bare single-pass ffmpeg${tag} (load ${load()})`)
    const b = must(await timed(opts.ffmpeg, bareArgs), 'the bare ffmpeg command')
    console.log(`    wall ${fmt(b.wall)} s, cpu ${fmt(cpu(b))} s`)

    // c) one ffmpeg per rendition, one after another.
    const per = join(roundDir, 'per')
    await mkdir(per, { recursive: true })
    const perKey = join(per, 'enc.key')
    const perKeyInfo = join(per, 'enc.keyinfo')
    await writeFile(perKey, randomBytes(16))
    await writeFile(perKeyInfo, `key\n${perKey}\n${randomBytes(16).toString('hex')}\n`)
    const perArgs = perRenditionArgs(bareArgs, perKeyInfo, join(per, 'hls'))
    for (const [i] of perArgs.entries()) await mkdir(join(per, 'hls', `v${i}`), { recursive: true })
    console.log(`\n==> c) one ffmpeg per rendition, sequential${tag} (load ${load()})`)
    const c = { wall: 0, user: 0, sys: 0 }
    for (const [i, args] of perArgs.entries()) {
      const r = must(await timed(opts.ffmpeg, args), `the rendition ${i} ffmpeg command`)
      c.wall += r.wall
      c.user += r.user
      c.sys += r.sys
      console.log(`    ${EXPECTED[i].label}: wall ${fmt(r.wall)} s, cpu ${fmt(cpu(r))} s`)
    }
    console.log(`    total wall ${fmt(c.wall)} s, cpu ${fmt(cpu(c))} s (load at end ${load()})`)

    // This round's outputs must be complete and right for its times to count.
    const pipeStored = join(pipeDir, 'storage', 'episode')
    for (const p of await verifyHls(pipeStored, join(pipeDir, 'work', 'enc.key'), { master: true })) problems.push(`round ${round} pipeline: ${p}`)
    const stored = new Set(await readdir(pipeStored).catch(() => []))
    for (const extra of ['poster.jpg', 'sprite_01.jpg', 'thumbnails.vtt', 'fingerprint.raw']) {
      if (!stored.has(extra)) problems.push(`round ${round} pipeline: ${extra} missing`)
    }
    for (const p of await verifyHls(join(bareDir, 'hls'), join(bareDir, 'bare.key'), { master: true })) problems.push(`round ${round} bare: ${p}`)
    for (const p of await verifyHls(join(per, 'hls'), perKey, { master: false })) problems.push(`round ${round} per-rendition: ${p}`)
    if (!opts.keep) await rm(roundDir, { recursive: true, force: true })
    rows.push({ a, b, c })
  }

  // Summary: each approach's median over the rounds (the value itself with one round).
  const med = (pick) => median(rows.map(pick))
  const A = { wall: med((r) => r.a.wall), cpu: med((r) => cpu(r.a)), inside: med((r) => r.a.inside) }
  const B = { wall: med((r) => r.b.wall), cpu: med((r) => cpu(r.b)) }
  const C = { wall: med((r) => r.c.wall), cpu: med((r) => cpu(r.c)) }
  const pipelineOverBare = A.wall / B.wall
  const perOverPipeline = C.wall / A.wall
  const how = rounds > 1 ? `median of ${rounds} rounds; ` : ''
  console.log(`\n==> results (${how}wall clock of each whole command; cpu = user+sys of its process tree)`)
  console.log(
    `    source                      ${seconds} s, ${((srcBytes * 8) / seconds / 1e6).toFixed(1)} Mb/s (x264 ${opts['source-preset']}); ladder x264 ${opts.preset}`
  )
  console.log(`    one decode of the source    ${fmt(decode.wall)} s   cpu ${fmt(decode.user + decode.sys)} s   (${fmt((100 * (decode.user + decode.sys)) / A.cpu, 0)}% of the pipeline's cpu)`)
  console.log(`    pipeline (node ace …)       ${fmt(A.wall)} s   cpu ${fmt(A.cpu)} s   (ffmpeg + copy inside: ${fmt(A.inside)} s)`)
  console.log(`    bare single-pass ffmpeg     ${fmt(B.wall)} s   cpu ${fmt(B.cpu)} s`)
  console.log(`    per-rendition (3 ffmpegs)   ${fmt(C.wall)} s   cpu ${fmt(C.cpu)} s`)
  console.log(`    ratio pipeline/bare         ${fmt(pipelineOverBare, 3)}   (cpu ${fmt(A.cpu / B.cpu, 3)}; inside-command time/bare ${fmt(A.inside / B.wall, 3)})`)
  console.log(`    ratio per-rendition/pipeline ${fmt(perOverPipeline, 3)}  (cpu ${fmt(C.cpu / A.cpu, 3)}; per-rendition/bare ${fmt(C.wall / B.wall, 3)})`)
  if (rounds > 1) {
    rows.forEach((r, i) =>
      console.log(`    round ${i + 1}: pipeline/bare ${fmt(r.a.wall / r.b.wall, 3)}, per-rendition/pipeline ${fmt(r.c.wall / r.a.wall, 3)}`)
    )
  }
  console.log('')
  const checks = [
    [`outputs (master + 3 variant playlists, AES-128, ${EXPECTED.map((r) => r.width).join('/')} wide, full duration)`, problems.length === 0],
    [`pipeline/bare ${fmt(pipelineOverBare, 3)} <= ${TARGET_PIPELINE_OVER_BARE}`, pipelineOverBare <= TARGET_PIPELINE_OVER_BARE],
    [`per-rendition/pipeline ${fmt(perOverPipeline, 3)} >= ${TARGET_PER_RENDITION_OVER_PIPELINE}`, perOverPipeline >= TARGET_PER_RENDITION_OVER_PIPELINE],
  ]
  for (const p of problems) console.log(`    ! ${p}`)
  for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`)
  return checks.every(([, ok]) => ok)
}

let ok = false
try {
  ok = await main()
} catch (error) {
  console.error(`\nFAIL ${error.message}`)
} finally {
  cleanup()
}
process.exit(ok ? 0 : 1)
