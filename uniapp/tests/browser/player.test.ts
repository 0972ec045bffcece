// The episode player in a real browser against a running Duanju API with its queue worker
// (transcoding needs ffmpeg). The test makes its own drama through the admin API: a generated
// 16 s portrait clip uploaded in chunks as episodes 1 (free) and 2 (60 coins), transcoded to
// 720p + 480p encrypted HLS, intro until 2 s and outro from 13 s on episode 1. A guest then
// watches episode 1 in Chromium (hls.js), switches resolution, resumes after a reload, and the
// outro leads through the countdown to episode 2's locked panel. The drama is unpublished at the
// end so the catalog test still sees only the demo catalog.
//   E2E_API_URL=http://127.0.0.1:3392 npm run test:browser -w uniapp
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { apiUrl, screenshotPath, startH5, waitForRoute, waitForToken, type H5Session } from './harness.ts'

const ADMIN = { email: 'admin@duanju.dev', password: 'Duanju@2026' }
const CLIP_SECONDS = 16
const INTRO_END = 2
const OUTRO_START = 13
const PRICE = 60

interface Rendition {
  label: string
  width: number
  height: number
  url: string
}

interface PlayAnswer {
  episodeId: number
  masterUrl: string
  renditions: Rendition[]
  resumeAtSec: number
  nextEpisodeId: number | null
}

interface Processing {
  state: string
  error: string | null
  ladder: { label: string }[]
}

async function call<T>(method: string, path: string, token: string, body?: unknown, expected = [200, 201]): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  assert.ok(expected.includes(response.status), `${method} ${path}: ${response.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

async function adminToken(): Promise<string> {
  const response = await fetch(`${apiUrl}/admin/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  assert.equal(response.status, 200, 'admin login')
  return ((await response.json()) as { token: string }).token
}

/** Uploads the clip as episode `number` of the drama the way the admin does: chunks, then complete. */
async function uploadEpisode(token: string, dramaId: number, number: number, clip: Buffer): Promise<number> {
  const session = await call<{ uploadId: string; chunkSize: number; totalChunks: number }>('POST', '/admin/v1/uploads', token, {
    filename: `episode-${number}.mp4`,
    sizeBytes: clip.length,
    contentType: 'video/mp4',
    sha256: createHash('sha256').update(clip).digest('hex'),
    purpose: 'episode',
    dramaId,
    episodeNumber: number,
  })
  for (let index = 0; index < session.totalChunks; index++) {
    const chunk = clip.subarray(index * session.chunkSize, (index + 1) * session.chunkSize)
    const response = await fetch(`${apiUrl}/admin/v1/uploads/${session.uploadId}/chunks/${index}`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'X-Chunk-Sha256': createHash('sha256').update(chunk).digest('hex'),
      },
      body: new Uint8Array(chunk),
    })
    assert.equal(response.status, 200, `chunk ${index}: ${await response.text()}`)
  }
  const completed = await call<{ target: { type: string; id: number; number: number } }>('POST', `/admin/v1/uploads/${session.uploadId}/complete`, token)
  assert.equal(completed.target.type, 'episode')
  assert.equal(completed.target.number, number)
  return completed.target.id
}

async function waitUntilReady(token: string, episodeId: number): Promise<Processing> {
  const deadline = Date.now() + 180_000
  for (;;) {
    const processing = await call<Processing>('GET', `/admin/v1/episodes/${episodeId}/processing`, token)
    if (processing.state === 'ready') return processing
    assert.notEqual(processing.state, 'failed', `episode ${episodeId} failed to transcode: ${processing.error}`)
    assert.ok(Date.now() < deadline, `episode ${episodeId} still ${processing.state} after 3 minutes (is the queue worker running?)`)
    await sleep(500)
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`)
    await sleep(50)
  }
}

/** The player's <video> element, as the page sees it. */
function videoState(page: Page) {
  return page.getByTestId('player-video-element').evaluate((element) => {
    const video = element as HTMLVideoElement
    return { currentTime: video.currentTime, paused: video.paused, playbackRate: video.playbackRate, ended: video.ended }
  })
}

/** Waits until the video plays on: currentTime at least `from` and then moving forward. */
async function playsOn(page: Page, from = 0): Promise<number> {
  const video = page.getByTestId('player-video-element')
  await video.waitFor({ state: 'attached' })
  await page.waitForFunction(
    (min) => {
      const element = document.querySelector<HTMLVideoElement>('[data-testid="player-video-element"]')
      return Boolean(element && !element.paused && element.currentTime >= min && element.readyState >= 3)
    },
    from,
    { timeout: 20_000 },
  )
  const first = (await videoState(page)).currentTime
  await page.waitForFunction(
    (start) => (document.querySelector<HTMLVideoElement>('[data-testid="player-video-element"]')?.currentTime ?? 0) > start + 0.5,
    first,
    { timeout: 10_000 },
  )
  return (await videoState(page)).currentTime
}

describe('H5 player', { timeout: 600_000 }, () => {
  let h5: H5Session | undefined
  let page: Page
  let admin = ''
  let dramaId = 0
  let episode1 = 0
  let episode2 = 0
  let workDir = ''
  const hlsRequests: { url: string; status: number }[] = []
  const progressBodies: { positionSec: number; durationSec: number; event: string }[] = []
  /** Errors Vue and the page log (Vue reports errors in handlers there, not as page errors). */
  const consoleErrors: string[] = []

  before(async () => {
    assert.ok(apiUrl, 'E2E_API_URL must point at a running Duanju API with its queue worker')
    workDir = await mkdtemp(join(tmpdir(), 'duanju-player-'))
    const clipPath = join(workDir, 'clip.mp4')
    // testsrc2 portrait 720×1280 with a tone: the ladder gets 720p and 480p (never upscaled).
    await promisify(execFile)('ffmpeg', [
      ...['-y', '-loglevel', 'error'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=720x1280:rate=30:duration=${CLIP_SECONDS}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${CLIP_SECONDS}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', clipPath],
    ])
    const clip = await readFile(clipPath)

    admin = await adminToken()
    const { drama } = await call<{ drama: { id: number } }>('POST', '/admin/v1/dramas', admin, {
      title: `播放器测试 ${Date.now().toString(36)}`,
      synopsis: '浏览器测试生成的短剧',
      freeEpisodes: 1,
      episodePriceCoins: PRICE,
    })
    dramaId = drama.id
    episode1 = await uploadEpisode(admin, dramaId, 1, clip)
    episode2 = await uploadEpisode(admin, dramaId, 2, clip)
    const [processing] = await Promise.all([waitUntilReady(admin, episode1), waitUntilReady(admin, episode2)])
    assert.deepEqual(
      processing.ladder.map((rung) => rung.label),
      ['720p', '480p'],
    )
    await call('PATCH', `/admin/v1/episodes/${episode1}`, admin, { introEndSec: INTRO_END, outroStartSec: OUTRO_START })
    await call('POST', `/admin/v1/dramas/${dramaId}/publish`, admin, {})
    await call('POST', `/admin/v1/dramas/${dramaId}/episodes/publish`, admin, {})

    h5 = await startH5('dist/e2e/h5-player', { args: ['--autoplay-policy=no-user-gesture-required'] })
    page = h5.page
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/hls/')) hlsRequests.push({ url: response.url(), status: response.status() })
    })
    page.on('console', (message) => {
      // Answers such as the 402 of a locked episode show up as failed resources; they are expected.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(message.text())
    })
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/v1\/episodes\/\d+\/progress$/.test(new URL(request.url()).pathname)) {
        progressBodies.push(request.postDataJSON() as (typeof progressBodies)[number])
      }
    })
  })

  after(async () => {
    await h5?.close()
    // Leave the catalog as the other browser tests expect it: only the demo dramas published.
    if (dramaId) await call('POST', `/admin/v1/dramas/${dramaId}/unpublish`, admin).catch(() => undefined)
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  /** /play as the guest in the browser: what the player was given. */
  async function playAnswer(episodeId: number): Promise<PlayAnswer> {
    return call<PlayAnswer>('GET', `/api/v1/episodes/${episodeId}/play`, await waitForToken(page))
  }

  it('opens episode 1 from the drama page and plays the encrypted stream with hls.js, after the intro', async () => {
    assert.ok(h5)
    await page.goto(`${h5.url}#/pages/drama/detail?id=${dramaId}`)
    await waitForToken(page)
    const play = page.getByTestId('play-button')
    await play.filter({ hasText: '立即播放' }).waitFor()
    assert.equal(await page.getByTestId('episode-2').getAttribute('data-access'), 'locked')
    await play.click()
    await waitForRoute(page, 'pages/player/index')
    await page.locator(`[data-testid="player"][data-state="playing"][data-episode="${episode1}"]`).waitFor()
    assert.equal(await page.locator('.hls-video').getAttribute('data-engine'), 'hlsjs')

    // Skipping is on by default: playback starts at the end of the intro.
    await page.locator('.uni-toast, .uni-sample-toast').filter({ hasText: '已为你跳过片头' }).waitFor()
    const position = await playsOn(page, INTRO_END)
    assert.ok(position >= INTRO_END, `started at ${position}s, after the ${INTRO_END}s intro`)

    // Encrypted: the playlist names an AES-128 key, and the player fetched it (signed URL).
    const answer = await playAnswer(episode1)
    const mediaPlaylist = await (await fetch(answer.renditions[0]?.url ?? '')).text()
    assert.match(mediaPlaylist, /#EXT-X-KEY:METHOD=AES-128,URI="[^"]*key\?t=/)
    assert.ok(
      hlsRequests.some((request) => /\/api\/v1\/hls\/\d+\/key\?t=/.test(request.url) && request.status === 200),
      'the key was fetched',
    )
    assert.ok(hlsRequests.some((request) => /seg_\d+\.ts\?t=/.test(request.url) && request.status === 200), 'segments were fetched')
    assert.ok(hlsRequests.every((request) => request.status === 200), `every HLS request answered 200: ${JSON.stringify(hlsRequests.filter((r) => r.status !== 200))}`)
    await page.screenshot({ path: screenshotPath('h5-player-playing.png') })
  })

  it('switches to the other resolution and keeps playing on that level', async () => {
    const player = page.getByTestId('player')
    await page.waitForFunction(() => Boolean(document.querySelector('[data-testid="player"]')?.getAttribute('data-level')))
    const before = await player.getAttribute('data-level')
    const { renditions } = await playAnswer(episode1)
    const target = renditions.find((rendition) => rendition.label !== before)
    assert.ok(target, `a rendition other than ${before} in ${renditions.map((r) => r.label).join(', ')}`)
    const targetVariant = `v${renditions.indexOf(target)}/`

    await page.getByTestId('quality-button').click()
    const options = await page.getByTestId('quality-options').locator('.option').allInnerTexts()
    assert.deepEqual(
      options.map((text) => text.trim()),
      ['自动', '720p', '480p'],
    )
    const segmentsBefore = hlsRequests.length
    await page.getByTestId(`quality-${target.label}`).click()
    await page.locator(`[data-testid="player"][data-quality="${target.label}"][data-level="${target.label}"]`).waitFor({ timeout: 15_000 })
    assert.equal((await page.getByTestId('quality-button').innerText()).trim(), target.label)

    await playsOn(page)
    assert.ok(
      hlsRequests.slice(segmentsBefore).some((request) => request.url.includes(`/${targetVariant}seg_`)),
      `segments of ${target.label} (${targetVariant}) were loaded after the switch`,
    )
    await page.screenshot({ path: screenshotPath('h5-player-quality.png') })
  })

  it('saves the position on pause and resumes there after a reload', async () => {
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="player-video-element"]')?.currentTime ?? 0) >= 5.5, null, { timeout: 15_000 })
    const saved = page.waitForResponse((response) => /\/api\/v1\/episodes\/\d+\/progress$/.test(new URL(response.url()).pathname) && response.request().method() === 'POST')
    await page.getByTestId('player-video-element').evaluate((element) => (element as HTMLVideoElement).pause())
    const response = await saved
    assert.equal(response.status(), 200)
    const paused = (await videoState(page)).currentTime
    const report = progressBodies.at(-1)
    assert.deepEqual(report, { positionSec: Math.floor(paused), durationSec: CLIP_SECONDS, event: 'heartbeat' })
    assert.ok(paused >= 5 && paused < OUTRO_START - 3, `paused at ${paused}s, a position worth resuming`)

    const answer = await playAnswer(episode1)
    assert.equal(answer.resumeAtSec, Math.floor(paused))
    await page.reload()
    await waitForRoute(page, 'pages/player/index')
    await page.locator(`[data-testid="player"][data-state="playing"][data-episode="${episode1}"]`).waitFor()
    const resumed = await playsOn(page, Math.floor(paused))
    assert.ok(resumed >= Math.floor(paused) && resumed < Math.floor(paused) + 4, `resumed at ${resumed}s after pausing at ${paused}s`)
  })

  it('plays faster at 2x, counts down at the outro and shows episode 2 locked with its price', async () => {
    await page.getByTestId('speed-button').click()
    const speeds = await page.getByTestId('speed-options').locator('.option').allInnerTexts()
    assert.deepEqual(
      speeds.map((text) => text.trim()),
      ['0.5x', '0.75x', '1x', '1.25x', '1.5x', '2x', '3x'],
    )
    await page.getByTestId('speed-2').click()
    assert.equal((await videoState(page)).playbackRate, 2)
    assert.equal(await page.getByTestId('player').getAttribute('data-speed'), '2')

    // Reaching the outro with skipping on ends the episode: "ended" is saved, the next one counts down.
    const countdown = page.getByTestId('next-countdown')
    await countdown.waitFor({ timeout: 20_000 })
    assert.match(await countdown.innerText(), /即将播放第2集/)
    await page.screenshot({ path: screenshotPath('h5-player-countdown.png') })
    await until(() => progressBodies.some((body) => body.event === 'ended'), 'an "ended" report')
    const ended = progressBodies.find((body) => body.event === 'ended')
    assert.ok(ended, 'an "ended" report')
    assert.ok(ended.positionSec >= OUTRO_START && ended.positionSec < CLIP_SECONDS, `ended at the outro: ${ended.positionSec}s`)
    assert.equal(ended.durationSec, CLIP_SECONDS)

    const locked = page.locator(`[data-testid="player"][data-state="locked"][data-episode="${episode2}"]`)
    await locked.waitFor({ timeout: 10_000 })
    assert.equal((await page.getByTestId('player-locked').locator('.panel__title').innerText()).trim(), '第2集需解锁后观看')
    assert.equal((await page.getByTestId('locked-price').innerText()).trim(), `解锁本集需 ${PRICE} 金币`)
    assert.match(await page.getByTestId('locked-balance').innerText(), /^当前余额 \d+ 金币$/)
    assert.match(await page.locator('.uni-page-head__title').innerText(), /第2集$/)
    await page.screenshot({ path: screenshotPath('h5-player-locked.png') })

    await page.getByTestId('locked-recharge').filter({ hasText: '去充值' }).click()
    await waitForRoute(page, 'pages/wallet/recharge')
  })

  it('opens a locked episode from the episode list on its locked panel, and the drama page offers to continue', async () => {
    assert.ok(h5)
    await page.goto(`${h5.url}#/pages/drama/detail?id=${dramaId}`)
    await page.reload()
    await page.getByTestId('play-button').filter({ hasText: '继续观看第2集' }).waitFor()
    await page.getByTestId('episode-2').click()
    await waitForRoute(page, 'pages/player/index')
    await page.locator(`[data-testid="player"][data-state="locked"][data-episode="${episode2}"]`).waitFor()
    assert.equal((await page.getByTestId('locked-price').innerText()).trim(), `解锁本集需 ${PRICE} 金币`)
    assert.equal(await page.getByTestId('player-video-element').count(), 0, 'no video for a locked episode')
    await page.getByTestId('back-to-episodes').click()
    await waitForRoute(page, 'pages/drama/detail')
  })

  it('raised no page errors and logged no errors', () => {
    assert.deepEqual(
      h5?.pageErrors.map((error) => error.message),
      [],
    )
    assert.deepEqual(consoleErrors, [])
  })
})
