import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import app from '@adonisjs/core/services/app'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo
      server.close(() => resolve(address.port))
    })
    server.once('error', reject)
  })
}

export interface Spawned {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/** Starts a TypeScript entry point of this app (bin/server.ts, a fixture) as its own process. */
export function spawnTs(
  entry: string,
  env: Record<string, string | undefined>,
  args: string[] = []
): Spawned {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', entry, ...args], {
    cwd: app.makePath(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )
  return { child, output: () => output, exited }
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}
