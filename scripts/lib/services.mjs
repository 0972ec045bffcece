// Finding (and, when installed but stopped, starting) the local PostgreSQL and Redis servers.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import net from 'node:net'

export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await canConnect(host, port)) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

export async function ensurePostgres({ host, port }) {
  if (await canConnect(host, port)) return { started: false }
  if (has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      console.log(`==> starting PostgreSQL ${version} (pg_ctlcluster)`)
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
    }
    if (await waitFor(host, port, 20)) return { started: true }
  }
  throw new Error(
    `PostgreSQL is not reachable on ${host}:${port}.\n` +
      '  Debian/Ubuntu: sudo apt-get install -y postgresql && sudo pg_ctlcluster <version> main start\n' +
      '  Docker:        docker compose up -d postgres   (then TEST_PG_URL=postgres://duanju:duanju@127.0.0.1:5432/postgres)\n' +
      '  Or point TEST_PG_URL at a server where the user may CREATE DATABASE.'
  )
}

export async function ensureRedis({ host, port }) {
  if (await canConnect(host, port)) return { started: false }
  if (has('redis-server')) {
    console.log('==> starting redis-server')
    execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'inherit',
    })
    if (await waitFor(host, port, 10)) return { started: true }
  }
  throw new Error(
    `Redis is not reachable on ${host}:${port}.\n` +
      '  Debian/Ubuntu: sudo apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1\n' +
      '  Docker:        docker compose up -d redis\n' +
      '  Or set TEST_REDIS_URL.'
  )
}
