// What the browser tests share: building the H5 client against an API, serving it, launching
// Debian's Chromium, and reading the session the page keeps in localStorage.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { serveStatic } from './static-server.ts'

export const workspaceDir = fileURLToPath(new URL('../../', import.meta.url))
export const resultsDir = new URL('../../test-results/', import.meta.url)
export const apiUrl = process.env.E2E_API_URL?.replace(/\/+$/, '')
export const TOKEN_KEY = 'duanju.token'
export const DEVICE_ID_KEY = 'duanju.deviceId'

export interface ApiUser {
  id: string | number
  nickname: string
  avatarUrl: string | null
  isGuest: boolean
  phone: string | null
  wechatBound: boolean
  settings: { autoUnlock: boolean; danmuEnabled: boolean; playbackSpeed: number; preferredQuality: string }
}

/** `uni build` for H5 into `outDir` (relative to the workspace), talking to `api`; `env` adds build-time variables. */
function buildH5(api: string, outDir: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/uni.mjs', 'build', '--outDir', outDir], {
      cwd: workspaceDir,
      env: { ...process.env, ...env, VITE_API_BASE: api },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`uni build failed (${code}):\n${output}`))))
  })
}

export interface H5Session {
  url: string
  browser: Browser
  context: BrowserContext
  page: Page
  pageErrors: Error[]
  close(): Promise<void>
}

/**
 * Builds and serves the H5 client for E2E_API_URL and opens it in a phone-sized Chromium page.
 * `args` adds Chromium switches (e.g. `--autoplay-policy=no-user-gesture-required`).
 */
export async function startH5(outDir: string, options: { locale?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<H5Session> {
  assert.ok(apiUrl, 'E2E_API_URL must point at a running Duanju API (e.g. http://localhost:3333)')
  const health = await fetch(`${apiUrl}/api/v1/me`).catch((error: unknown) => error)
  assert.ok(!(health instanceof Error), `Duanju API is not reachable at ${apiUrl}`)
  await buildH5(apiUrl, outDir, options.env)
  await mkdir(resultsDir, { recursive: true })
  const server = await serveStatic(fileURLToPath(new URL(outDir + '/', new URL(`file://${workspaceDir}`))))
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  })
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
  })
  const page = await context.newPage()
  const pageErrors: Error[] = []
  page.on('pageerror', (error) => pageErrors.push(error))
  return {
    url: server.url,
    browser,
    context,
    page,
    pageErrors,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

export function screenshotPath(name: string): string {
  return fileURLToPath(new URL(name, resultsDir))
}

export async function fetchMe(token: string): Promise<ApiUser> {
  const response = await fetch(`${apiUrl}/api/v1/me`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  })
  assert.equal(response.status, 200, 'GET /api/v1/me with the stored token')
  const body = (await response.json()) as { user: ApiUser }
  return body.user
}

export function storedValue(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => window.localStorage.getItem(k), key)
}

export async function waitForToken(page: Page): Promise<string> {
  await page.waitForFunction((k) => Boolean(window.localStorage.getItem(k)), TOKEN_KEY, { timeout: 15_000 })
  const token = await storedValue(page, TOKEN_KEY)
  assert.ok(token)
  return token
}

export function tabLabels(page: Page) {
  return page.locator('.uni-tabbar .uni-tabbar__label')
}

/** The page route in the hash ("#/pages/me/index"); the first page is served at "#/". */
export function waitForRoute(page: Page, route: string) {
  return page.waitForFunction(
    ({ expected, home }) => {
      const current = window.location.hash.replace(/^#\/?/, '').split('?')[0] || home
      return current === expected
    },
    { expected: route, home: 'pages/feed/index' },
  )
}

export async function openTab(page: Page, label: string, route: string) {
  await tabLabels(page).filter({ hasText: label }).click()
  await waitForRoute(page, route)
}
