import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { crc32, deflateSync } from 'node:zlib'
import type { Locator, Page } from 'playwright-core'
import { apiAs, browserSuite, screenshot, signIn } from './support/harness.ts'

const suite = browserSuite()
const OPERATOR = 'operator@duanju.dev'
const run = promisify(execFile)

interface Episode {
  id: number
  number: number
  state: string
  introEndSec: number | null
  outroStartSec: number | null
}

let dir = ''
let clip = ''

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duanju-admin-media-'))
  clip = join(dir, '第1集.mp4')
  // A 3 s portrait clip with sound; the noise makes it ~11 MB, so it travels as a few chunks.
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=720x1280:rate=30:duration=3',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=3',
    '-vf',
    'noise=alls=14:allf=t',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '26',
    '-c:a',
    'aac',
    '-shortest',
    clip,
  ])
  await writeFile(join(dir, '第2集.mp4'), '这是一份剧本笔记，不是视频。\n')
  await writeFile(join(dir, '第3集.mp4'), '')
})

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`
}

async function signedIn(email: string): Promise<Page> {
  const page = await suite.newPage()
  await signIn(page, email)
  await page.waitForURL((url) => url.pathname === '/dashboard')
  return page
}

/** Reads until `check` holds on the value, for UI that settles after answers and live messages. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms
  let last = await read()
  while (!check(last)) {
    if (Date.now() > until) assert.fail(`${what} (last seen: ${JSON.stringify(last)})`)
    await new Promise((resolve) => setTimeout(resolve, 150))
    last = await read()
  }
  return last
}

function uploadRow(page: Page, name: string): Locator {
  return page.getByTestId('upload-table').locator('.el-table__row').filter({ has: page.getByTestId('upload-name').getByText(name, { exact: true }) })
}

async function rowState(row: Locator): Promise<string | null> {
  return row.getByTestId('upload-row-state').getAttribute('data-state')
}

/** A small opaque PNG (a red square) as a watermark image. */
function logoPng(size = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([220, 30, 60]))])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe('media screens in Chromium', () => {
  test('operator uploads a batch, pauses and resumes, follows transcoding live, previews the ladder and sets intro/outro', async (t) => {
    const api = await apiAs(OPERATOR)
    const { drama } = await api<{ drama: { id: number } }>('POST', '/admin/v1/dramas', { title: `E2E 媒资 ${stamp()}`, synopsis: '上传、转码与预览的端到端测试。' })
    t.after(() => api('DELETE', `/admin/v1/dramas/${drama.id}`).catch(() => undefined))

    const page = await signedIn(OPERATOR)
    const processingRequests: string[] = []
    const previewRequests: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (/\/admin\/v1\/episodes\/\d+\/processing$/.test(path)) processingRequests.push(path)
      if (/\/admin\/v1\/episodes\/\d+\/preview$/.test(path)) previewRequests.push(path)
    })
    // A slow network for the chunks while the test pauses mid-upload (each chunk takes 800 ms).
    let slow = true
    await page.route('**/admin/v1/uploads/*/chunks/*', async (route) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 800))
      await route.continue()
    })

    await page.goto(`/catalog/dramas/${drama.id}?tab=episodes`)
    await page.getByTestId('episodes-table').getByText('还没有剧集').waitFor()
    // The transcoding channel is subscribed with the admin's token: live, not polling.
    await eventually(() => page.getByTestId('processing-live').getAttribute('data-mode'), (mode) => mode === 'live', 'the live channel is confirmed')

    await page.getByTestId('upload-episodes').click()
    const dialog = page.getByTestId('upload-dialog')
    await dialog.getByTestId('upload-input').setInputFiles([join(dir, '第3集.mp4'), join(dir, '第2集.mp4'), clip])
    const good = uploadRow(page, '第1集.mp4')
    const text = uploadRow(page, '第2集.mp4')
    const empty = uploadRow(page, '第3集.mp4')
    assert.deepEqual(
      (await dialog.getByTestId('upload-number').allInnerTexts()).map((value) => value.trim()),
      ['第 1 集', '第 2 集', '—'],
      'files are numbered in name order; the empty one takes no number',
    )
    assert.equal((await empty.getByTestId('upload-status').innerText()).trim(), '文件为空（0 字节），请检查后重新选择')

    await dialog.getByTestId('upload-start-all').click()
    // The first chunk of the clip arrives; then it is paused in the middle.
    await eventually(() => good.getByTestId('upload-status').innerText(), (value) => /^上传中 [1-9]/.test(value), 'the clip is partly uploaded')
    await good.getByTestId('upload-pause').click()
    assert.equal(await rowState(good), 'paused')
    const pausedAt = (await good.getByTestId('upload-status').innerText()).trim()
    assert.match(pausedAt, /^已暂停（[\d.]+ MB \/ [\d.]+ MB）$/)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    assert.equal((await good.getByTestId('upload-status').innerText()).trim(), pausedAt, 'nothing moves while paused')
    assert.equal(await rowState(good), 'paused')

    // The renamed text file went up beside it and was refused with the server's reason.
    await eventually(() => rowState(text), (state) => state === 'failed', 'the text file is refused')
    assert.equal((await text.getByTestId('upload-status').innerText()).trim(), '文件不是有效的视频（可能只是改了扩展名）')
    assert.equal(await text.getByTestId('upload-retry').count(), 0, 'a refused file offers no retry')
    await screenshot(page, 'media-upload-paused')

    slow = false
    await good.getByTestId('upload-resume').click()
    await eventually(() => rowState(good), (state) => state === 'done', 'the clip finishes uploading', 60_000)
    assert.equal((await good.getByTestId('upload-status').innerText()).trim(), '上传完成，已进入转码队列')
    assert.match(await dialog.getByTestId('upload-summary').innerText(), /^共 3 个文件，已完成 1 个，失败 2 个/)
    await dialog.getByTestId('upload-close').click()

    // The new episode 1 follows its transcoding live until it is ready.
    const row = page.getByTestId('episodes-table').locator('.el-table__row').first()
    await row.getByTestId('episode-number').filter({ hasText: '1' }).waitFor()
    await eventually(() => row.getByTestId('episode-processing').getAttribute('data-state'), (state) => state === 'ready', 'episode 1 is transcoded', 120_000)
    await eventually(() => row.getByTestId('episode-state').getAttribute('data-state'), (state) => state === 'ready', 'episode 1 is ready')
    // The finished transcode brings the row its duration.
    await eventually(() => row.getByTestId('episode-duration').innerText(), (value) => value.trim() === '0:03', 'episode 1 shows its duration')
    assert.equal(await page.getByTestId('processing-live').getAttribute('data-mode'), 'live')
    // Live, so no polling: one status call when the upload completed (and perhaps one on reload).
    assert.ok(processingRequests.length <= 2, `processing polled ${processingRequests.length} times`)
    const [episode] = (await api<{ data: Episode[] }>('GET', `/admin/v1/dramas/${drama.id}/episodes`)).data
    assert.ok(episode, 'the upload created episode 1')
    assert.equal(episode.number, 1)
    await screenshot(page, 'media-episode-ready')

    // Preview: the player plays, the ladder has more than one rendition, one can be pinned.
    await row.getByTestId('episode-preview').click()
    const preview = page.getByTestId('preview-dialog')
    const ladder = preview.getByTestId('preview-ladder').locator('.el-table__body tr')
    await ladder.first().waitFor()
    const renditions = (await ladder.allInnerTexts()).map((value) => value.replace(/\s+/g, ' ').trim())
    assert.ok(renditions.length > 1, `more than one rendition: ${renditions.join(' | ')}`)
    assert.match(renditions[0] ?? '', /^720p 720×1280 [\d.]+ Mbps$/)
    assert.match(renditions[1] ?? '', /^480p 480×854 /)
    const videoEl = preview.getByTestId('preview-video')
    await eventually(() => videoEl.evaluate((element) => (element as unknown as { currentTime: number }).currentTime), (time) => time > 0.5, 'the preview plays')
    assert.equal(await preview.getByTestId('preview-player-error').count(), 0)
    await preview.getByTestId('preview-level-480p').click()
    await eventually(() => preview.getByTestId('preview-playing').innerText(), (value) => value.trim() === '正在播放：480p', 'the 480p rendition is on screen')

    // Intro ends at 1 s, outro starts at 2 s: typed, checked, saved; "go there" seeks the player.
    await preview.getByTestId('intro-input').locator('input').fill('1')
    await preview.getByTestId('outro-input').locator('input').fill('2')
    await preview.getByTestId('outro-input').locator('input').blur()
    await preview.getByTestId('handle-outro').waitFor()
    await preview.getByTestId('intro-save').click()
    await page.locator('.el-message--success', { hasText: '已保存片头片尾' }).waitFor()
    const saved = (await api<{ data: Episode[] }>('GET', `/admin/v1/dramas/${drama.id}/episodes`)).data[0]
    assert.deepEqual([saved?.introEndSec, saved?.outroStartSec], [1, 2])
    // Saving keeps the player as it was: same preview, the pinned rendition still chosen.
    assert.equal(previewRequests.length, 1)
    assert.match((await preview.getByTestId('preview-level-480p').getAttribute('class')) ?? '', /is-active/)
    await preview.getByTestId('intro-seek').click()
    await eventually(() => videoEl.evaluate((element) => (element as unknown as { currentTime: number }).currentTime), (time) => time >= 1 && time < 2.5, 'the player jumped to the intro end')
    // The handles move with the keyboard too, within their room.
    await preview.getByTestId('handle-intro').focus()
    await page.keyboard.press('ArrowRight')
    assert.equal(await preview.getByTestId('handle-intro').getAttribute('aria-valuenow'), '1', 'the intro cannot pass the outro')
    await page.keyboard.press('ArrowLeft')
    assert.equal(await preview.getByTestId('handle-intro').getAttribute('aria-valuenow'), '0')
    await screenshot(page, 'media-preview')
    await preview.getByTestId('preview-close').click()
    await eventually(() => row.getByTestId('episode-marks').innerText(), (value) => value.trim() === '0:01 / 0:02', 'the marks show in the list')
  })

  test('without the live channel the episodes tab polls, and still sees the transcode finish', async (t) => {
    const api = await apiAs(OPERATOR)
    const { drama } = await api<{ drama: { id: number } }>('POST', '/admin/v1/dramas', { title: `E2E 轮询 ${stamp()}`, synopsis: '实时通道不可用时的轮询。' })
    t.after(() => api('DELETE', `/admin/v1/dramas/${drama.id}`).catch(() => undefined))
    const page = await signedIn(OPERATOR)
    // A proxy that drops server-sent events: the transmit routes never answer.
    await page.route('**/__transmit/**', (route) => route.abort())
    const polls: string[] = []
    page.on('request', (request) => {
      if (/\/admin\/v1\/episodes\/\d+\/processing$/.test(new URL(request.url()).pathname)) polls.push(request.url())
    })

    await page.goto(`/catalog/dramas/${drama.id}?tab=episodes`)
    await eventually(() => page.getByTestId('processing-live').getAttribute('data-mode'), (mode) => mode === 'polling', 'the tab falls back to polling')
    assert.match(await page.getByTestId('processing-live').innerText(), /实时连接不可用/)
    await page.getByTestId('upload-episodes').click()
    await page.getByTestId('upload-dialog').getByTestId('upload-input').setInputFiles(clip)
    await page.getByTestId('upload-dialog').getByTestId('upload-start-all').click()
    await eventually(() => rowState(uploadRow(page, '第1集.mp4')), (state) => state === 'done', 'the clip is uploaded', 60_000)
    await page.getByTestId('upload-dialog').getByTestId('upload-close').click()

    const row = page.getByTestId('episodes-table').locator('.el-table__row').first()
    await eventually(() => row.getByTestId('episode-processing').getAttribute('data-state'), (state) => state === 'ready', 'episode 1 is transcoded', 120_000)
    assert.ok(polls.length >= 2, `the status was polled (${polls.length} calls)`)
  })

  test('operator sets a text watermark, then uploads a PNG one', async (t) => {
    const api = await apiAs(OPERATOR)
    const { drama } = await api<{ drama: { id: number } }>('POST', '/admin/v1/dramas', { title: `E2E 水印 ${stamp()}`, synopsis: '水印设置的端到端测试。' })
    t.after(() => api('DELETE', `/admin/v1/dramas/${drama.id}`).catch(() => undefined))

    const page = await signedIn(OPERATOR)
    await page.goto(`/catalog/dramas/${drama.id}`)
    await page.getByTestId('watermark-tab').click()
    await page.waitForURL((url) => url.searchParams.get('tab') === 'watermark')
    const form = page.getByTestId('watermark-form')
    await form.locator('[data-testid="watermark-kind"] [data-value="text"]').click()
    await form.getByTestId('watermark-text').fill('短剧平台')
    await form.locator('[data-testid="watermark-position"] [data-value="bottom-left"]').click()
    assert.equal((await form.getByTestId('watermark-preview').innerText()).trim(), '短剧平台')
    await form.getByTestId('watermark-save').click()
    await page.locator('.el-message--success', { hasText: '水印设置已保存' }).waitFor()
    const textMark = await api<{ kind: string; text: string; position: string; opacity: number; hasImage: boolean }>('GET', `/admin/v1/dramas/${drama.id}/watermark`)
    assert.deepEqual(
      { kind: textMark.kind, text: textMark.text, position: textMark.position, opacity: textMark.opacity, hasImage: textMark.hasImage },
      { kind: 'text', text: '短剧平台', position: 'bottom-left', opacity: 0.8, hasImage: false },
    )

    await form.locator('[data-testid="watermark-kind"] [data-value="image"]').click()
    await form.getByTestId('watermark-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() })
    await page.locator('.el-message--success', { hasText: '水印图片已上传' }).waitFor()
    await form.getByTestId('watermark-image-state').filter({ hasText: '已上传水印图片' }).waitFor()
    assert.match((await form.getByTestId('watermark-image').getAttribute('src')) ?? '', /^blob:/)
    await form.getByTestId('watermark-save').click()
    await page.locator('.el-message--success', { hasText: '水印设置已保存' }).nth(0).waitFor()
    await eventually(
      () => api<{ kind: string; hasImage: boolean }>('GET', `/admin/v1/dramas/${drama.id}/watermark`),
      (mark) => mark.kind === 'image' && mark.hasImage,
      'the drama has an image watermark',
    )
    await screenshot(page, 'media-watermark')
  })
})
