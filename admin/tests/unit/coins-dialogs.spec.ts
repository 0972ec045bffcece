import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref, type App, type Component } from 'vue'
import { i18n } from '@/locales'
import DeductCoinsDialog from '@/views/finance/DeductCoinsDialog.vue'
import GrantCoinsDialog from '@/views/finance/GrantCoinsDialog.vue'
import { startTestApi, type TestApiServer } from './support/api-server'
import { signedInClient } from './support/session'

let api: TestApiServer
let app: App | undefined

beforeEach(async () => {
  // Development-build chatter: jsdom has no layout, so the forms' auto label width measures as NaN,
  // and async-validator reports each failed rule (clearing the reason on reopening runs one).
  const warn = console.warn.bind(console)
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const text = String(args[0])
    if (!text.includes('unexpected width') && !text.startsWith('async-validator')) warn(...args)
  })
  api = await startTestApi()
  await signedInClient(api, 'finance@duanju.dev')
})

afterEach(async () => {
  app?.unmount()
  app = undefined
  document.body.innerHTML = ''
  ElMessage.closeAll()
  await api.close()
})

/** Mounts a coins dialog for viewer 5, open, the way the wallet page does. */
async function mountDialog(dialog: Component, props: Record<string, unknown>) {
  const visible = ref(false)
  const emitted: unknown[] = []
  const root = document.createElement('div')
  document.body.append(root)
  app = createApp({
    setup: () => () =>
      h(dialog, {
        ...props,
        modelValue: visible.value,
        'onUpdate:modelValue': (value: boolean) => (visible.value = value),
        onGranted: (wallet: unknown) => emitted.push(wallet),
        onDeducted: (wallet: unknown) => emitted.push(wallet),
      }),
  })
  app.use(i18n)
  app.mount(root)
  visible.value = true
  await settle()
  return { visible, emitted }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function field(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const element = document.querySelector(`[data-testid="${testId}"]`)
  const input = element?.matches('input, textarea') ? element : element?.querySelector('input, textarea')
  if (!input) throw new Error(`no input ${testId}`)
  return input as HTMLInputElement | HTMLTextAreaElement
}

function type(testId: string, value: string): void {
  const input = field(testId)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
}

function click(testId: string): void {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)
  if (!button) throw new Error(`no button ${testId}`)
  button.click()
}

/** Waits until `check` holds (the dialog answers after a real HTTP round trip). */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 3000
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await settle()
  }
}

const grants = () => api.requests.filter((request) => request.path === '/admin/v1/users/5/coins/grant')
const grantEntries = () => api.finance.entries.filter((entry) => entry.userId === 5 && entry.type === 'grant')

describe('the grant dialog', () => {
  it('asks for coins and a reason before sending anything', async () => {
    await mountDialog(GrantCoinsDialog, { userId: '5' })
    click('grant-submit')
    await until(() => document.querySelectorAll('.el-form-item__error').length === 2, 'the two field errors')
    expect([...document.querySelectorAll('.el-form-item__error')].map((error) => error.textContent?.trim())).toEqual([
      '请填写补发的金币或赠币数量',
      '请填写原因',
    ])
    expect(grants()).toHaveLength(0)
  })

  it('applies a double-clicked submission once', async () => {
    const { visible, emitted } = await mountDialog(GrantCoinsDialog, { userId: '5' })
    type('grant-paid', '100')
    type('grant-reason', '客诉补偿')
    await settle()
    click('grant-submit')
    click('grant-submit')
    await until(() => !visible.value, 'the dialog to close')
    expect(grants()).toHaveLength(1)
    expect(grants()[0]?.body).toEqual({ paid: 100, reason: '客诉补偿' })
    expect(grantEntries().map((entry) => entry.amount)).toEqual([100])
    expect(emitted).toEqual([expect.objectContaining({ paidCoins: 100 })])
  })

  it('retries a submission whose answer was lost with the same key, and opens again with a new one', async () => {
    const { visible } = await mountDialog(GrantCoinsDialog, { userId: '5' })
    api.finance.lostAnswers = 1
    type('grant-paid', '100')
    type('grant-reason', '客诉补偿')
    await settle()
    click('grant-submit')
    await until(() => document.querySelector('[data-testid="grant-error"]') !== null, 'the error above the form')
    click('grant-submit')
    await until(() => !visible.value, 'the dialog to close')

    const [lost, retried] = grants().map((request) => request.headers['idempotency-key'])
    expect(lost).toMatch(/^[0-9a-f]{32}$/)
    expect(retried).toBe(lost)
    // The server applied the first request; the retry was answered as a duplicate.
    expect(grantEntries().map((entry) => entry.amount)).toEqual([100])

    visible.value = true
    await settle()
    type('grant-paid', '100')
    type('grant-reason', '客诉补偿')
    await settle()
    click('grant-submit')
    await until(() => !visible.value, 'the dialog to close again')
    expect(grants().at(-1)?.headers['idempotency-key']).not.toBe(lost)
    expect(grantEntries().map((entry) => entry.amount)).toEqual([100, 100])
  })
})

describe('the deduct dialog', () => {
  it('shows INSUFFICIENT_COINS under the amount, with what the wallet holds', async () => {
    const { visible } = await mountDialog(DeductCoinsDialog, { userId: '5', balance: 0 })
    type('deduct-amount', '50')
    type('deduct-reason', '误发扣回')
    await settle()
    click('deduct-submit')
    await until(() => document.querySelector('.el-form-item__error') !== null, 'the amount error')
    expect(document.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('余额不足：当前共 0 金币，不够扣减 50 金币')
    expect(visible.value).toBe(true)
  })
})
