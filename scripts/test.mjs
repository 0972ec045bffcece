#!/usr/bin/env node
// Runs every suite of Duanju and ends with one line "N passed, N failed" over all of them:
// backend unit + functional (Japa, PostgreSQL + Redis/bee-queue), admin and uniapp unit tests
// (Vitest), the uniapp mp-weixin and app builds, and browser tests of the admin and the H5
// client in Chromium against a real API. Invoked by `npm test` (scripts/test.sh).
import { spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { ensurePostgres, ensureRedis } from './lib/services.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const backend = join(root, 'backend')
const require = createRequire(join(backend, 'package.json'))
const pg = require('pg')
const Redis = require('ioredis')

const args = new Set(process.argv.slice(2))
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7).split(',')
const runId = `${Date.now().toString(36)}_${process.pid}`
const work = mkdtempSync(join(tmpdir(), 'duanju-test-'))
const pgUrl = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0')
const redisPrefix = `duanju-test-${runId}:`
const results = []

function dbUrl(name) {
  const url = new URL(pgUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

/** Runs a command, streaming its output, and resolves with { code, output }. */
function run(cmd, cmdArgs, { cwd = root, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const onData = (stream) => (chunk) => {
      stream.write(chunk)
      output += chunk.toString()
    }
    child.stdout.on('data', onData(process.stdout))
    child.stderr.on('data', onData(process.stderr))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

function record(name, passed, failed, note = '') {
  results.push({ name, passed, failed, note })
  console.log(`\n--> ${name}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`)
}

const wanted = (name) => !only || only.some((o) => name.startsWith(o))

async function backendEnv(database, extra = {}) {
  return {
    NODE_ENV: 'test',
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    APP_KEY: randomBytes(24).toString('hex'),
    APP_URL: 'http://127.0.0.1:3333',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DB_CONNECTION: 'pg',
    DATABASE_URL: dbUrl(database),
    REDIS_URL: redisUrl.toString(),
    REDIS_PREFIX: redisPrefix,
    QUEUE_DRIVER: 'bee',
    STORAGE_DRIVER: 'local',
    STORAGE_LOCAL_ROOT: join(work, `storage-${database}`),
    BUSINESS_TIMEZONE: 'Asia/Shanghai',
    SANDBOX_PAYMENT_SECRET: randomBytes(16).toString('hex'),
    CORS_ORIGINS: '',
    ...extra,
  }
}

// Japa writes its aggregates to TEST_SUMMARY_FILE (tests/bootstrap.ts).
async function backendSuites(database) {
  const summary = join(work, 'japa.json')
  const { code } = await run('node', ['ace', 'test'], {
    cwd: backend,
    env: { ...(await backendEnv(database)), TEST_SUMMARY_FILE: summary },
  })
  if (!existsSync(summary)) return record('backend (japa)', 0, 1, `runner exited ${code} before reporting`)
  const agg = JSON.parse(readFileSync(summary, 'utf8'))
  const failed = agg.failed + (code !== 0 && agg.failed === 0 ? 1 : 0)
  record('backend (japa)', agg.passed, failed, agg.skipped ? `${agg.skipped} skipped` : '')
}

async function vitest(workspace) {
  const out = join(work, `vitest-${workspace}.json`)
  const { code } = await run('npm', ['run', 'test:unit', '-w', workspace, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`])
  if (!existsSync(out)) return record(`${workspace} unit (vitest)`, 0, 1, `exited ${code} before reporting`)
  const report = JSON.parse(readFileSync(out, 'utf8'))
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0)
  record(`${workspace} unit (vitest)`, report.numPassedTests, failed)
}

// node --test prints "ℹ pass N" / "ℹ fail N" (spec reporter) or "# pass N" (tap).
function nodeTestCounts(output) {
  const grab = (word) => {
    const matches = [...output.matchAll(new RegExp(`^(?:ℹ|#) ${word} (\\d+)`, 'gm'))]
    return matches.length ? Number(matches.at(-1)[1]) : null
  }
  return { passed: grab('pass'), failed: grab('fail') }
}

async function browser(workspace, api) {
  const { code, output } = await run('npm', ['run', 'test:browser', '-w', workspace], {
    env: { E2E_API_URL: api.url, E2E_SMS_LOG: api.logFile },
  })
  const { passed, failed } = nodeTestCounts(output)
  if (passed === null) return record(`${workspace} browser`, 0, 1, `exited ${code} without a test summary`)
  record(`${workspace} browser`, passed, (failed ?? 0) + (code !== 0 && !failed ? 1 : 0))
}

async function build(workspace, script) {
  const started = Date.now()
  const { code } = await run('npm', ['run', script, '-w', workspace])
  record(`${workspace} ${script}`, code === 0 ? 1 : 0, code === 0 ? 0 : 1, `${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function startApi(database) {
  const port = await freePort()
  const env = await backendEnv(database, {
    NODE_ENV: 'development',
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    // Its own Redis namespace: the backend suite cached rankings and dramas of another database.
    REDIS_PREFIX: `${redisPrefix}e2e:`,
    // Every browser test request comes from 127.0.0.1: the per-IP budgets would throttle the
    // suite itself. The backend suite tests the limits at their defaults.
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_SIGNINS_PER_10_MINUTES: '100000',
  })
  for (const step of [['migration:run', '--force'], ['db:seed']]) {
    const { code } = await run('node', ['ace', ...step], { cwd: backend, env })
    if (code !== 0) throw new Error(`node ace ${step[0]} failed for the browser-test API`)
  }
  // SMS_DRIVER=log: the H5 sign-in test reads its code from this log, as a developer would.
  const logFile = join(work, 'e2e-api.log')
  const log = createWriteStream(logFile)
  const child = spawn('node', ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: backend,
    env: { ...process.env, ...env, SMS_DRIVER: 'log' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk)
      process.stdout.write(chunk)
    })
  }
  // The queue worker (transcoding and other jobs), as `npm start` runs it beside the server.
  const worker = spawn('node', ['ace', 'queue:work'], {
    cwd: backend,
    env: { ...process.env, ...env, SMS_DRIVER: 'log' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [worker.stdout, worker.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk)
      process.stdout.write(chunk)
    })
  }
  const stopOne = (proc) =>
    proc.exitCode !== null ? Promise.resolve() : new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM')))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return { url, logFile, stop: () => Promise.all([stopOne(child), stopOne(worker)]) }
    } catch {}
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 500))
  }
  child.kill('SIGKILL')
  worker.kill('SIGKILL')
  throw new Error('the browser-test API did not become healthy')
}

async function main() {
  const started = Date.now()
  await ensurePostgres({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) })
  await ensureRedis({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) })

  const admin = new pg.Client({ connectionString: pgUrl.toString() })
  await admin.connect()
  const testDb = `duanju_test_${runId}`
  const e2eDb = `duanju_e2e_${runId}`
  await admin.query(`CREATE DATABASE "${testDb}"`)
  await admin.query(`CREATE DATABASE "${e2eDb}"`)
  console.log(`==> isolated databases ${testDb}, ${e2eDb}; Redis prefix ${redisPrefix}`)

  let api
  try {
    if (wanted('backend')) await backendSuites(testDb)
    if (wanted('admin')) await vitest('admin')
    if (wanted('uniapp')) await vitest('uniapp')
    if (wanted('uniapp')) await build('uniapp', 'build:mp-weixin')
    if (wanted('uniapp')) await build('uniapp', 'build:app')
    if (wanted('admin') || wanted('uniapp') || wanted('browser')) {
      try {
        api = await startApi(e2eDb)
        if (wanted('admin') || wanted('browser')) await browser('admin', api)
        if (wanted('uniapp') || wanted('browser')) await browser('uniapp', api)
      } catch (error) {
        record('browser tests', 0, 1, error.message)
      }
    }
  } finally {
    await api?.stop()
    await admin.query(`DROP DATABASE IF EXISTS "${testDb}" WITH (FORCE)`).catch(() => {})
    await admin.query(`DROP DATABASE IF EXISTS "${e2eDb}" WITH (FORCE)`).catch(() => {})
    await admin.end()
    const redis = new Redis(redisUrl.toString())
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000)
      if (keys.length) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
    await redis.quit()
    rmSync(work, { recursive: true, force: true })
  }

  console.log('\nSummary')
  for (const r of results) console.log(`  ${r.failed ? '✗' : '✓'} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`)
  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  console.log(`  took ${((Date.now() - started) / 1000).toFixed(0)} s`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed || !results.length ? 1 : 0
}

main().catch((error) => {
  console.error(`\n${error.message}`)
  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0) + 1
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = 1
})
