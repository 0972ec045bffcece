import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ADMIN_ROOT, buildAdmin } from './build.ts'
import { serveStatic, type StaticServer } from './static-server.ts'

export const API_URL = process.env.E2E_API_URL?.replace(/\/+$/, '')
export const PASSWORD = 'Duanju@2026'
export const RESULTS_DIR = join(ADMIN_ROOT, 'test-results')

export const MENUS = {
  admin: ['概览', '剧目', '媒资', '审核', '用户', '订单', '财务', '运营', '数据', '系统'],
  operator: ['概览', '剧目', '媒资', '用户', '订单', '运营', '数据'],
  reviewer: ['概览', '审核'],
  finance: ['概览', '订单', '财务', '数据'],
} as const

export interface BrowserSuite {
  /** A fresh browser context (own storage, zh-CN) with one page on the built admin. */
  newPage(): Promise<Page>
}

/**
 * Registers the suite's before/after hooks: builds the admin against E2E_API_URL, serves it on
 * 127.0.0.1 and starts Debian's Chromium. Every test file calls this once at the top.
 */
export function browserSuite(): BrowserSuite {
  let outDir: string | undefined
  let site: StaticServer | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []

  before(async () => {
    if (!API_URL) throw new Error('E2E_API_URL is required: the URL of a running Duanju API seeded with the demo admins')
    const health = await fetch(`${API_URL}/health`).catch((error: unknown) => error)
    if (health instanceof Error) throw new Error(`E2E_API_URL ${API_URL} does not answer: ${health.message}`)

    outDir = await buildAdmin(API_URL)
    site = await serveStatic(outDir, Number(process.env.E2E_ADMIN_PORT ?? 0))
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    await mkdir(RESULTS_DIR, { recursive: true })
  })

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await site?.close()
    if (outDir) await rm(outDir, { recursive: true, force: true })
  })

  return {
    async newPage() {
      if (!browser || !site) throw new Error('browser or site not started')
      const context = await browser.newContext({ baseURL: site.url, viewport: { width: 1366, height: 820 }, locale: 'zh-CN' })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(15_000)
      return page
    },
  }
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) })
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname.startsWith('/login')) {
    await page.goto('/login')
  }
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('input[name="password"]').press('Enter')
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('current-admin').click()
  await page.getByTestId('logout').click()
  await page.waitForURL((url) => url.pathname === '/login')
}

export async function menuTitles(page: Page): Promise<string[]> {
  const items = page.locator('aside .side-menu > li.el-menu-item, aside .side-menu > li.el-sub-menu > .el-sub-menu__title')
  await items.first().waitFor()
  return (await items.allInnerTexts()).map((text) => text.trim())
}

/** Calls the API directly as `email` (for setting up and checking state, not for what the UI must do). */
export async function apiAs(email: string, password = PASSWORD) {
  const login = await fetch(`${API_URL}/admin/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!login.ok) throw new Error(`login as ${email} failed: HTTP ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${API_URL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`)
    return (text === '' ? undefined : JSON.parse(text)) as T
  }
}
