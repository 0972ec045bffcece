import assert from 'node:assert/strict'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ADMIN_ROOT, buildAdmin } from './support/build.ts'
import { serveStatic, type StaticServer } from './support/static-server.ts'

const API_URL = process.env.E2E_API_URL?.replace(/\/+$/, '')
const PASSWORD = 'Duanju@2026'
const RESULTS_DIR = join(ADMIN_ROOT, 'test-results')
const FULL_MENU = ['概览', '剧目', '媒资', '审核', '用户', '订单', '财务', '运营', '数据', '系统']

let outDir: string | undefined
let site: StaticServer | undefined
let browser: Browser | undefined
const contexts: BrowserContext[] = []

async function newPage(): Promise<Page> {
  if (!browser || !site) throw new Error('browser or site not started')
  const context = await browser.newContext({ baseURL: site.url, viewport: { width: 1366, height: 820 }, locale: 'zh-CN' })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname.startsWith('/login')) {
    await page.goto('/login')
  }
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('input[name="password"]').press('Enter')
}

async function menuTitles(page: Page): Promise<string[]> {
  const items = page.locator('aside .side-menu > li.el-menu-item, aside .side-menu > li.el-sub-menu > .el-sub-menu__title')
  await items.first().waitFor()
  return (await items.allInnerTexts()).map((text) => text.trim())
}

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

describe('admin shell in Chromium', () => {
  test('the login page renders its title and fields', async () => {
    const page = await newPage()
    await page.goto('/login')
    assert.equal((await page.locator('h1').innerText()).trim(), '登录')
    assert.ok(await page.locator('input[name="email"]').isVisible())
    assert.ok(await page.locator('input[name="password"]').isVisible())
    assert.equal(await page.locator('input[name="password"]').getAttribute('type'), 'password')
    assert.ok(await page.getByRole('button', { name: '登录' }).isVisible())
    assert.match(await page.title(), /登录/)
    await page.screenshot({ path: join(RESULTS_DIR, 'login.png') })
  })

  test('the form validates before calling the server', async () => {
    const page = await newPage()
    await page.goto('/login')
    await page.locator('input[name="email"]').fill('not-an-email')
    await page.locator('input[name="password"]').press('Enter')
    await page.locator('.el-form-item__error', { hasText: '邮箱格式不正确' }).waitFor()
    await page.locator('.el-form-item__error', { hasText: '请输入密码' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
  })

  test('a wrong password shows the server message', async () => {
    const answer = await fetch(`${API_URL}/admin/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: 'admin@duanju.dev', password: 'definitely-wrong' }),
    })
    assert.equal(answer.status, 401)
    const { error } = (await answer.json()) as { error: { code: string; message: string } }
    assert.equal(error.code, 'INVALID_CREDENTIALS')

    const page = await newPage()
    await signIn(page, 'admin@duanju.dev', 'definitely-wrong')
    const alert = page.getByTestId('login-error')
    await alert.waitFor()
    assert.equal((await alert.innerText()).trim(), error.message)
    assert.equal(new URL(page.url()).pathname, '/login')
    assert.equal(await page.evaluate(() => localStorage.getItem('duanju.admin.session')), null)
    await page.screenshot({ path: join(RESULTS_DIR, 'login-error.png') })
  })

  test('admin sees the full menu and the dashboard shows who is signed in', async () => {
    const page = await newPage()
    await signIn(page, 'admin@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(page), FULL_MENU)
    const systemChildren = page.locator('aside .el-sub-menu .el-menu-item')
    assert.deepEqual((await systemChildren.allInnerTexts()).map((text) => text.trim()), ['管理员', '审计日志'])

    const card = page.getByTestId('signed-in-admin')
    assert.match(await card.innerText(), /admin@duanju\.dev/)
    assert.deepEqual(
      (await page.getByTestId('admin-role').allInnerTexts()).map((text) => text.trim()),
      ['超级管理员'],
    )
    await page.screenshot({ path: join(RESULTS_DIR, 'layout-admin.png') })

    await page.locator('aside').getByText('审计日志').click()
    await page.waitForURL((url) => url.pathname === '/system/audit')
    await page.locator('aside .el-menu-item.is-active', { hasText: '审计日志' }).waitFor()
    assert.match(await page.getByTestId('coming-soon').innerText(), /即将推出/)
    await page.screenshot({ path: join(RESULTS_DIR, 'coming-soon.png') })
  })

  test('reviewer sees only 概览 and 审核, and gets 403 for /users', async () => {
    const page = await newPage()
    await signIn(page, 'reviewer@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(page), ['概览', '审核'])
    // v-perm hides the dashboard shortcuts the reviewer may not open.
    const shortcuts = page.getByTestId('shortcut').filter({ visible: true })
    assert.deepEqual((await shortcuts.allInnerTexts()).map((text) => text.trim()), ['审核'])
    assert.deepEqual((await page.getByTestId('admin-role').allInnerTexts()).map((text) => text.trim()), ['审核员'])

    await page.goto('/users')
    await page.getByTestId('forbidden').waitFor()
    assert.equal(new URL(page.url()).pathname, '/403')
    assert.match(await page.getByTestId('forbidden').innerText(), /无权访问/)
    assert.deepEqual(await menuTitles(page), ['概览', '审核'])
    await page.screenshot({ path: join(RESULTS_DIR, 'forbidden-reviewer.png') })
  })

  test('operator and finance get their own sections', async () => {
    const operator = await newPage()
    await signIn(operator, 'operator@duanju.dev')
    await operator.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(operator), ['概览', '剧目', '媒资', '用户', '订单', '运营', '数据'])

    const finance = await newPage()
    await signIn(finance, 'finance@duanju.dev')
    await finance.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(finance), ['概览', '订单', '财务', '数据'])
  })

  test('a signed-out visit goes to login and comes back after signing in', async () => {
    const page = await newPage()
    await page.goto('/orders')
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/orders')
    await signIn(page, 'finance@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/orders')
    assert.match(await page.getByTestId('coming-soon').innerText(), /订单/)
  })

  test('an unknown path shows the 404 page', async () => {
    const page = await newPage()
    await page.goto('/this/page/does-not-exist')
    await page.getByTestId('not-found').waitFor()
    assert.match(await page.getByTestId('not-found').innerText(), /404/)
    await page.screenshot({ path: join(RESULTS_DIR, 'not-found.png') })
  })

  test('the session survives a reload, and signing out ends it', async () => {
    const page = await newPage()
    await signIn(page, 'operator@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    await page.reload()
    await page.getByTestId('signed-in-admin').waitFor()

    await page.getByTestId('current-admin').click()
    await page.getByTestId('logout').click()
    await page.waitForURL((url) => url.pathname === '/login')
    assert.equal(await page.evaluate(() => localStorage.getItem('duanju.admin.session')), null)
    await page.goto('/dashboard')
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/dashboard')
  })

  test('English can be chosen in the header and is remembered', async () => {
    const page = await newPage()
    await signIn(page, 'reviewer@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    await page.getByTestId('locale-switch').click()
    await page.locator('.el-select-dropdown__item', { hasText: 'English' }).click()
    assert.deepEqual(await menuTitles(page), ['Dashboard', 'Moderation'])
    await page.reload()
    assert.deepEqual(await menuTitles(page), ['Dashboard', 'Moderation'])
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    await page.screenshot({ path: join(RESULTS_DIR, 'layout-reviewer-en.png') })
  })
})
