import { ElMessage, ElMessageBox } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, type App } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import { createAdminApp } from '@/bootstrap'
import { DEMO_PASSWORD, startTestApi, type TestApiServer } from './support/api-server'
import { readyProcessing, type TestProcessing } from './support/media-routes'
import { tinyPng, useNodeFormData } from './support/node-form-data'

/**
 * The media screens of the drama editor, mounted as the app mounts them (router, store, i18n,
 * permissions) and talking to the test API over real HTTP: batch upload, live transcoding state,
 * preview with the intro/outro editor, intro/outro detection, and the watermark tab.
 */

// Whole screens over real HTTP, one of them waiting for a polling round (4 s).
vi.setConfig({ testTimeout: 15_000 })

let api: TestApiServer
let app: App | undefined
let router: Router

beforeEach(async () => {
  // jsdom has no layout: Element Plus's tables and forms measure NaN widths and say so.
  const warn = console.warn.bind(console)
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const text = String(args[0])
    if (!text.includes('unexpected width') && !text.startsWith('async-validator')) warn(...args)
  })
  await useNodeFormData()
  // jsdom has no object URLs; the watermark preview shows the picked PNG through one.
  let objectUrls = 0
  vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL: () => `blob:test/${++objectUrls}`, revokeObjectURL: () => undefined }))
  api = await startTestApi()
  vi.stubEnv('VITE_API_BASE', api.url)
  localStorage.clear()
})

afterEach(async () => {
  app?.unmount()
  app = undefined
  document.body.innerHTML = ''
  ElMessage.closeAll()
  ElMessageBox.close()
  vi.unstubAllGlobals()
  await api.close()
})

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await nextTick()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function until(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await settle()
  }
}

/** The operator on `path`, in the app as a browser would show it. */
async function openAsOperator(path: string): Promise<void> {
  const created = await createAdminApp({ history: createMemoryHistory() })
  await created.auth.login('operator@duanju.dev', DEMO_PASSWORD)
  router = created.router
  await router.push(path)
  await router.isReady()
  const root = document.createElement('div')
  document.body.append(root)
  created.app.mount(root)
  app = created.app
  await settle()
}

/** Queries within `scope` (the document by default); a missing scope (a row not shown) finds nothing. */
const $ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode | null = document) => scope?.querySelector<T>(selector) ?? null
const $$ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode | null = document) => (scope ? [...scope.querySelectorAll<T>(selector)] : [])
const byTestId = (id: string, scope: ParentNode | null = document) => $(`[data-testid="${id}"]`, scope)
const allByTestId = (id: string, scope: ParentNode | null = document) => $$(`[data-testid="${id}"]`, scope)
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

function click(element: Element | null | undefined): void {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click')
  element.click()
}

function type(input: HTMLInputElement | null, value: string): void {
  if (!input) throw new Error('no input')
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
}

/** Picks files in a file input, as a person choosing them in the file dialog would. */
function pick(input: HTMLInputElement | null, files: File[]): void {
  if (!input) throw new Error('no file input')
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change', { bubbles: true }))
}

function video(name: string, size = 20): File {
  const bytes = new Uint8Array(size).fill(3)
  bytes.set([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70])
  return new File([bytes], name, { type: 'video/mp4', lastModified: 1 })
}

const episodeRow = (number: number) =>
  $$('[data-testid="episodes-table"] .el-table__body tr.el-table__row').find((row) => text(byTestId('episode-number', row)) === String(number)) ?? null
const uploadRows = () => $$('[data-testid="upload-table"] .el-table__body tr.el-table__row')
const uploadRow = (name: string) => uploadRows().find((row) => text(byTestId('upload-name', row)) === name) ?? null

function processing(episodeId: number, patch: Partial<TestProcessing>): void {
  api.media.processing.set(episodeId, readyProcessing(episodeId, patch))
}


describe('batch upload in the episodes tab', () => {
  it('numbers files in natural order, reorders waiting ones by dragging, uploads them, and words the refused ones', async () => {
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    await until(() => episodeRow(3) !== null, 'the episode list')
    click(byTestId('upload-episodes'))
    await settle()
    expect(byTestId('upload-dialog')).not.toBeNull()

    const notVideo = new File(['just notes'], '第5集.mp4', { type: 'video/mp4', lastModified: 1 })
    const empty = new File([], '第6集.mp4', { type: 'video/mp4', lastModified: 1 })
    pick($('[data-testid="upload-input"]'), [video('第10集.mp4'), video('第4集.mp4'), notVideo, empty])
    await settle()
    const rows = () => uploadRows().map((row) => [text(byTestId('upload-number', row)), text(byTestId('upload-name', row))])
    // Drama 1 has 3 episodes: the files start at 4; the empty one takes no number.
    expect(rows()).toEqual([
      ['第 4 集', '第4集.mp4'],
      ['第 5 集', '第5集.mp4'],
      ['—', '第6集.mp4'],
      ['第 6 集', '第10集.mp4'],
    ])
    expect(text(byTestId('upload-status', uploadRow('第6集.mp4')))).toBe('文件为空（0 字节），请检查后重新选择')
    expect(text(byTestId('upload-status', uploadRow('第4集.mp4')))).toBe('等待开始')

    // Drag "第10集" above "第5集".
    byTestId('upload-drag', uploadRow('第10集.mp4'))?.dispatchEvent(new Event('dragstart', { bubbles: true }))
    const target = byTestId('upload-name', uploadRow('第5集.mp4'))
    target?.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true }))
    target?.dispatchEvent(new Event('drop', { bubbles: true, cancelable: true }))
    await settle()
    expect(rows()).toEqual([
      ['第 4 集', '第4集.mp4'],
      ['第 5 集', '第10集.mp4'],
      ['第 6 集', '第5集.mp4'],
      ['—', '第6集.mp4'],
    ])

    click(byTestId('upload-start-all'))
    await until(() => uploadRow('第5集.mp4')?.querySelector('[data-state="failed"]') !== null, 'the not-a-video file to fail')
    await until(() => ['第4集.mp4', '第10集.mp4'].every((name) => uploadRow(name)?.querySelector('[data-state="done"]')), 'the videos to finish')
    expect(text(byTestId('upload-status', uploadRow('第5集.mp4')))).toBe('文件不是有效的视频（可能只是改了扩展名）')
    expect(byTestId('upload-retry', uploadRow('第5集.mp4'))).toBeNull()
    expect(text(byTestId('upload-status', uploadRow('第10集.mp4')))).toBe('上传完成，已进入转码队列')
    expect(api.media.uploads.map((upload) => [upload.filename, upload.episodeNumber, upload.state])).toEqual([
      ['第4集.mp4', 4, 'completed'],
      ['第10集.mp4', 5, 'completed'],
      ['第5集.mp4', 6, 'failed'],
    ])
    expect(text(byTestId('upload-summary'))).toMatch(/^共 4 个文件，已完成 2 个，失败 2 个/)

    // The new episodes appear in the list, queued for transcoding.
    await until(() => episodeRow(5) !== null, 'the new episodes in the list')
    await until(() => byTestId('episode-processing', episodeRow(4))?.getAttribute('data-state') === 'queued', 'episode 4 queued')
    expect(episodeRow(6)).toBeNull()
  })
})

describe('leaving while files upload', () => {
  it('asks first, stays when asked to, and stops the uploads when the operator leaves', async () => {
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    await until(() => episodeRow(3) !== null, 'the episode list')
    click(byTestId('upload-episodes'))
    await settle()
    // 8-byte chunks: this file takes a few hundred requests.
    pick($('[data-testid="upload-input"]'), [video('第4集.mp4', 4000)])
    await settle()
    click(byTestId('upload-start-all'))
    await until(() => (api.media.uploads[0]?.chunks.size ?? 0) > 0, 'the upload to start')

    void router.push('/catalog/dramas')
    await until(() => $('.el-message-box') !== null, 'the confirmation')
    expect(text($('.el-message-box__message'))).toBe('离开此页会暂停上传。之后在此剧集中重新选择相同的文件，会从中断处继续。')
    click($('.el-message-box__btns .el-button:not(.el-button--primary)'))
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/catalog/dramas/1?tab=episodes')

    void router.push('/catalog/dramas')
    await until(() => $('.el-message-box') !== null, 'the confirmation again')
    click($('.el-message-box__btns .el-button--primary'))
    await until(() => router.currentRoute.value.path === '/catalog/dramas', 'the drama list')
    await settle()
    const sent = api.media.uploads[0]?.chunks.size ?? 0
    expect(sent).toBeLessThan(500)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(api.media.uploads[0]?.chunks.size).toBe(sent)
    expect(api.media.uploads[0]?.state).toBe('uploading')
  })
})

describe('transcoding state in the episodes tab', () => {
  it('shows the state of every episode with a video on load, ready ones included, from one request', async () => {
    const ready = api.catalog.episodes.find((row) => row.dramaId === 1 && row.number === 1)
    const failed = api.catalog.episodes.find((row) => row.dramaId === 1 && row.number === 3)
    if (!ready || !failed) throw new Error('seed episodes missing')
    ready.state = 'ready'
    processing(ready.id, { state: 'ready' })
    failed.state = 'failed'
    failed.failureReason = null
    processing(failed.id, { state: 'failed', error: 'ffmpeg: Invalid data found when processing input' })
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    const cell = (number: number) => byTestId('episode-processing', episodeRow(number))
    await until(() => cell(1)?.getAttribute('data-state') === 'ready', 'episode 1 shown as ready')
    expect(text(cell(1))).toBe('已转码')
    expect(cell(3)?.getAttribute('data-state')).toBe('failed')
    expect(text(byTestId('episode-processing-error', cell(3)))).toBe('ffmpeg: Invalid data found when processing input')
    // An episode without a video keeps what its row says.
    expect(cell(2)?.getAttribute('data-state')).not.toBe('ready')
    expect(api.requests.filter((request) => request.path === '/admin/v1/dramas/1/processing')).toHaveLength(1)
    expect(api.requests.filter((request) => /^\/admin\/v1\/episodes\/\d+\/processing$/.test(request.path))).toHaveLength(0)
  })

  it('shows live progress, the reason of a failure, and transcodes again on request', async () => {
    const episode = api.catalog.episodes.find((row) => row.dramaId === 1 && row.number === 2)
    if (!episode) throw new Error('seed episode missing')
    episode.state = 'processing'
    processing(episode.id, { state: 'processing', progress: 40 })
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    const cell = () => byTestId('episode-processing', episodeRow(2))
    await until(() => cell()?.getAttribute('data-state') === 'processing', 'the progress of episode 2')
    expect(text(byTestId('episode-progress', cell()))).toContain('40%')
    // No EventSource in this DOM: the tab says it polls.
    expect(byTestId('processing-live')?.getAttribute('data-mode')).toBe('polling')
    expect(text(byTestId('processing-live'))).toContain('实时连接不可用')

    processing(episode.id, { state: 'failed', progress: 70, error: 'ffmpeg: moov atom not found' })
    episode.state = 'failed'
    episode.failureReason = 'ffmpeg: moov atom not found'
    await until(() => cell()?.getAttribute('data-state') === 'failed', 'the failure to show', 8000)
    expect(text(byTestId('episode-processing-error', cell()))).toBe('ffmpeg: moov atom not found')

    click(byTestId('episode-retry', cell()))
    await until(() => cell()?.getAttribute('data-state') === 'queued', 'the episode to be queued again')
    expect(api.requests.filter((request) => request.path === `/admin/v1/episodes/${episode.id}/processing/retry`)).toHaveLength(1)
    expect($('.el-message--success')?.textContent).toContain('第 2 集已重新加入转码队列')
  })
})

describe('preview and intro/outro', () => {
  it('lists the ladder, and edits the marks by proposal, keyboard, drag and typing before saving them', async () => {
    processing(1, { proposedIntroEndSec: 5, proposedOutroStartSec: 92 })
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    await until(() => episodeRow(1) !== null, 'the episode list')
    click(byTestId('episode-preview', episodeRow(1)))
    await until(() => byTestId('preview-ladder') !== null, 'the preview')

    const ladder = $$('[data-testid="preview-ladder"] .el-table__body tr').map((row) => text(row))
    expect(ladder).toEqual(['720p720×12802.0 Mbps', '480p480×8541.1 Mbps'])
    expect(allByTestId('preview-levels')[0]?.textContent).toMatch(/自动.*720p.*480p/)
    // jsdom plays no video at all: the dialog says so instead of a broken player.
    await until(() => byTestId('preview-player-error') !== null, 'the unsupported notice')
    expect(text(byTestId('preview-player-error'))).toBe('当前浏览器无法播放 HLS 视频')

    expect(text(byTestId('intro-proposal'))).toBe('检测建议：片头结束 0:05，片尾开始 1:32采用建议')
    expect(byTestId('proposal-intro')?.style.left).toBe('5%')
    click(byTestId('accept-proposal'))
    await settle()
    const intro = $<HTMLInputElement>('[data-testid="intro-input"] input')
    const outro = $<HTMLInputElement>('[data-testid="outro-input"] input')
    expect([intro?.value, outro?.value]).toEqual(['5', '92'])

    // One second later with the keyboard.
    byTestId('handle-intro')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    await settle()
    expect(byTestId('handle-intro')?.getAttribute('aria-valuenow')).toBe('6')

    // Drag the outro handle to 90 % of a 1000 px bar: 90 s.
    const bar = byTestId('timeline')
    if (!bar) throw new Error('no timeline')
    bar.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 0, width: 1000, height: 30 })
    byTestId('handle-outro')?.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, clientX: 1020 }))
    window.dispatchEvent(new MouseEvent('pointermove', { clientX: 1000 }))
    window.dispatchEvent(new MouseEvent('pointerup', { clientX: 1000 }))
    await settle()
    expect(outro?.value).toBe('90')

    // A typed value is checked, not silently moved.
    type(outro, '3')
    await settle()
    expect(text(byTestId('outro-error'))).toBe('片尾开始必须晚于片头结束')
    click(byTestId('intro-save'))
    await settle()
    expect(api.requests.some((request) => request.method === 'PATCH')).toBe(false)
    type(outro, '90')
    await settle()
    expect(byTestId('outro-error')).toBeNull()

    click(byTestId('intro-save'))
    await until(() => api.requests.some((request) => request.method === 'PATCH'), 'the marks to be saved')
    expect(api.requests.find((request) => request.method === 'PATCH')).toMatchObject({ path: '/admin/v1/episodes/1', body: { introEndSec: 6, outroStartSec: 90 } })
    await until(() => text(byTestId('episode-marks', episodeRow(1))) === '0:06 / 1:30', 'the marks in the list')

    // Saving does not reload the preview (the row object it came from is replaced).
    expect(api.requests.filter((request) => request.path === '/admin/v1/episodes/1/preview')).toHaveLength(1)

    // "跳到此处" moves the player there.
    click(byTestId('outro-seek'))
    await settle()
    expect($<HTMLVideoElement>('[data-testid="preview-video"]')?.currentTime).toBe(90)
    expect(byTestId('timeline-playhead')?.style.left).toBe('90%')
  })

  it('detects proposals for the drama and accepts them all after asking', async () => {
    processing(1, {})
    await openAsOperator('/catalog/dramas/1?tab=episodes')
    await until(() => episodeRow(1) !== null, 'the episode list')
    click(byTestId('detect-intro'))
    await until(() => api.media.detections.length === 1, 'the detection request')
    await until(() => $('.el-message--success') !== null, 'the confirmation toast')
    expect(text($('.el-message--success'))).toBe('已开始检测，完成后可在各集预览中查看建议')

    click(byTestId('apply-intro'))
    await until(() => $('.el-message-box') !== null, 'the confirmation')
    click($('.el-message-box__btns .el-button--primary'))
    await until(() => text(byTestId('episode-marks', episodeRow(1))) === '0:05 / 1:32', 'the accepted marks in the list')
    expect($$('.el-message--success').some((message) => text(message) === '已为 1 集采用建议')).toBe(true)
  })
})

describe('the watermark tab', () => {
  it('edits and saves the text watermark, and takes a PNG as the image (but not another file)', async () => {
    api.media.watermarks.set(1, { kind: 'text', text: '旧水印', position: 'top-left', opacity: 0.6, hasImage: false })
    await openAsOperator('/catalog/dramas/1?tab=watermark')
    const textInput = () => $<HTMLInputElement>('input[data-testid="watermark-text"]')
    await until(() => textInput()?.value === '旧水印', 'the saved watermark in the form')
    const form = byTestId('watermark-form')
    const fieldErrors = () => $$('.el-form-item__error', form).map(text).filter(Boolean)
    expect(text(byTestId('watermark-preview'))).toBe('旧水印')

    type(textInput(), '   ')
    click(byTestId('watermark-save'))
    // Element Plus shows a field error after a 100 ms debounce.
    await until(() => fieldErrors().length > 0, 'the field error')
    expect(fieldErrors()).toEqual(['请输入水印文字'])
    expect(api.requests.some((request) => request.method === 'PUT')).toBe(false)

    type(textInput(), '  短剧平台 ')
    click($('[data-testid="watermark-position"] [data-value="bottom-left"]'))
    await settle()
    expect(text(byTestId('watermark-preview'))).toBe('短剧平台')
    click(byTestId('watermark-save'))
    await until(() => api.requests.some((request) => request.method === 'PUT' && request.path === '/admin/v1/dramas/1/watermark'), 'the save')
    expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({ kind: 'text', text: '短剧平台', position: 'bottom-left', opacity: 0.6 })
    expect(api.media.watermarks.get(1)).toMatchObject({ kind: 'text', text: '短剧平台', position: 'bottom-left' })
    await until(() => text($('.el-message--success')) === '水印设置已保存', 'the confirmation')

    click($('[data-testid="watermark-kind"] [data-value="image"]'))
    await settle()
    pick($('[data-testid="watermark-input"]'), [new File(['GIF89a'], 'logo.gif', { type: 'image/gif' })])
    await until(() => fieldErrors().length > 0, 'the field error')
    expect(fieldErrors()).toEqual(['水印图片须为 PNG 格式'])
    pick($('[data-testid="watermark-input"]'), [new File([tinyPng()], 'logo.png', { type: 'image/png' })])
    await until(() => text(byTestId('watermark-image-state')) === '已上传水印图片（PNG），可更换', 'the image upload')
    expect(api.media.watermarks.get(1)).toMatchObject({ kind: 'image', hasImage: true })
    expect($<HTMLImageElement>('[data-testid="watermark-image"]')?.src).toMatch(/^blob:/)
    expect(api.media.uploads.at(-1)).toMatchObject({ purpose: 'watermark', dramaId: 1, state: 'completed' })
  })
})
