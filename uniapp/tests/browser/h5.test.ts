// Real-browser check of the H5 build against a running Duanju API:
//   E2E_API_URL=http://localhost:3333 npm run test:browser -w uniapp
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { serveStatic } from './static-server.ts'

const workspaceDir = fileURLToPath(new URL('../../', import.meta.url))
const outDir = 'dist/e2e/h5'
const resultsDir = new URL('../../test-results/', import.meta.url)
const apiUrl = process.env.E2E_API_URL?.replace(/\/+$/, '')
const TABS = ['首页', '剧场', '福利', '我的']
const TOKEN_KEY = 'duanju.token'
const DEVICE_ID_KEY = 'duanju.deviceId'

interface ApiUser {
  id: string | number
  nickname: string
  isGuest: boolean
}

function buildH5(api: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/uni.mjs', 'build', '--outDir', outDir], {
      cwd: workspaceDir,
      env: { ...process.env, VITE_API_BASE: api },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`uni build failed (${code}):\n${output}`))))
  })
}

async function fetchMe(token: string): Promise<ApiUser> {
  const response = await fetch(`${apiUrl}/api/v1/me`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  })
  assert.equal(response.status, 200, 'GET /api/v1/me with the stored token')
  const body = (await response.json()) as { user: ApiUser }
  return body.user
}

function storedValue(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => window.localStorage.getItem(k), key)
}

async function waitForToken(page: Page): Promise<string> {
  await page.waitForFunction((k) => Boolean(window.localStorage.getItem(k)), TOKEN_KEY, { timeout: 15_000 })
  const token = await storedValue(page, TOKEN_KEY)
  assert.ok(token)
  return token
}

function tabLabels(page: Page) {
  return page.locator('.uni-tabbar .uni-tabbar__label')
}

async function openTab(page: Page, label: string, route: string) {
  await tabLabels(page).filter({ hasText: label }).click()
  // The first page is served at "#/", the others at "#/<route>".
  await page.waitForFunction(
    ({ expected, home }) => {
      const current = window.location.hash.replace(/^#\/?/, '') || home
      return current === expected
    },
    { expected: route, home: 'pages/feed/index' },
  )
}

describe('H5 client', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  const pageErrors: Error[] = []

  before(async () => {
    assert.ok(apiUrl, 'E2E_API_URL must point at a running Duanju API (e.g. http://localhost:3333)')
    const health = await fetch(`${apiUrl}/api/v1/me`).catch((error: unknown) => error)
    assert.ok(!(health instanceof Error), `Duanju API is not reachable at ${apiUrl}`)
    await buildH5(apiUrl)
    await mkdir(resultsDir, { recursive: true })
    server = await serveStatic(fileURLToPath(new URL(outDir + '/', new URL(`file://${workspaceDir}`))))
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
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
    // An English browser: the app must still start in Simplified Chinese.
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error))
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the four tabs in Simplified Chinese and the feed placeholder', async () => {
    assert.ok(server)
    await page.goto(server.url)
    await tabLabels(page).first().waitFor()
    assert.deepEqual(await tabLabels(page).allInnerTexts(), TABS)
    await page.getByText('还没有可以播放的短剧').waitFor()
    await page.screenshot({ path: fileURLToPath(new URL('h5-feed.png', resultsDir)) })
  })

  it('signs in as a guest on launch and keeps the token and device id', async () => {
    const token = await waitForToken(page)
    const deviceId = await storedValue(page, DEVICE_ID_KEY)
    assert.match(deviceId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const user = await fetchMe(token)
    assert.equal(user.isGuest, true)
  })

  it('switches tabs', async () => {
    await openTab(page, '剧场', 'pages/theater/index')
    await page.getByText('剧场还是空的').waitFor()
    await openTab(page, '福利', 'pages/rewards/index')
    await page.getByText('福利中心筹备中').waitFor()
    await openTab(page, '首页', 'pages/feed/index')
    await page.getByText('还没有可以播放的短剧').waitFor()
  })

  it('shows the guest returned by the API on the Me tab', async () => {
    await openTab(page, '我的', 'pages/me/index')
    const user = await fetchMe(await waitForToken(page))
    await page.getByTestId('nickname').filter({ hasText: user.nickname }).waitFor()
    assert.equal(await page.getByTestId('user-id').innerText(), `ID：${user.id}`)
    assert.equal(await page.getByTestId('account-badge').innerText(), '游客')
    await page.screenshot({ path: fileURLToPath(new URL('h5-me.png', resultsDir)) })
  })

  it('keeps the same guest after a reload', async () => {
    const tokenBefore = await waitForToken(page)
    const deviceBefore = await storedValue(page, DEVICE_ID_KEY)
    const userBefore = await fetchMe(tokenBefore)
    await page.reload()
    await page.getByTestId('user-id').filter({ hasText: String(userBefore.id) }).waitFor()
    assert.equal(await storedValue(page, DEVICE_ID_KEY), deviceBefore)
    assert.equal((await fetchMe(await waitForToken(page))).id, userBefore.id)
  })

  it('signs in as the same guest again when the stored token is rejected', async () => {
    const userBefore = await fetchMe(await waitForToken(page))
    await page.evaluate((k) => window.localStorage.setItem(k, 'revoked-token'), TOKEN_KEY)
    await page.reload()
    await page.waitForFunction((k) => window.localStorage.getItem(k) !== 'revoked-token', TOKEN_KEY)
    await page.getByTestId('user-id').filter({ hasText: String(userBefore.id) }).waitFor()
    assert.equal((await fetchMe(await waitForToken(page))).id, userBefore.id)
  })

  it('switches the tab bar and pages to English from the Me tab', async () => {
    await page.getByTestId('language').click()
    await page.locator('.uni-actionsheet__cell', { hasText: 'English' }).click()
    await page.locator('.uni-actionsheet__mask').waitFor({ state: 'hidden' })
    await page.getByTestId('account-badge').filter({ hasText: 'Guest' }).waitFor()
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.uni-tabbar__label'), (el) => el.textContent?.trim()).join() === 'Feed,Theater,Rewards,Me',
    )
    await page.screenshot({ path: fileURLToPath(new URL('h5-me-en.png', resultsDir)) })
  })

  it('raised no page errors', () => {
    assert.deepEqual(pageErrors.map((error) => error.message), [])
  })
})
