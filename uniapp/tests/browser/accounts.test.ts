// The viewer account flow in a real browser against a running Duanju API: guest → phone sign-in
// → settings → profile → log out.
//   E2E_API_URL=http://127.0.0.1:3342 E2E_SMS_LOG=/tmp/api.log npm run test:browser -w uniapp
// The API must run with SMS_DRIVER=log; E2E_SMS_LOG is a file that receives its log (stdout), where
// the login code appears as "[sms:log] login code for +86139…: 123456".
import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import { crc32, deflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { apiUrl, fetchMe, openTab, screenshotPath, startH5, storedValue, TOKEN_KEY, waitForRoute, waitForToken, type ApiUser, type H5Session } from './harness.ts'

const smsLog = process.env.E2E_SMS_LOG
const NO_SMS_LOG = 'E2E_SMS_LOG is not set: with SMS_DRIVER=log the login code reaches only the API log, so this test cannot sign in'
// A fresh mainland number per run, so the code in the log is ours and no earlier run's limits apply.
const phone = `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
const e164 = `+86${phone}`
const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`

/** Every login code the API logged for our number, oldest first. */
async function codesInLog(): Promise<string[]> {
  assert.ok(smsLog)
  const pattern = new RegExp(`login code for ${e164.replace('+', '\\+')}: (\\d{6})`, 'g')
  const text = await readFile(smsLog, 'utf8').catch(() => '')
  return [...text.matchAll(pattern)].map((match) => match[1] as string)
}

/** The newest login code for our number, once more than `seen` codes have been logged. */
async function codeFromLog(seen = 0, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const codes = await codesInLog()
    const last = codes.at(-1)
    if (last && codes.length > seen) return last
    if (Date.now() > deadline) throw new Error(`No new login code for ${e164} in ${smsLog} after ${timeoutMs} ms`)
    await sleep(200)
  }
}

/** Waits for a toast with this text, then for it to go (so it does not cover screenshots). */
async function toastShown(page: Page, text: string) {
  // uni's H5 toast: .uni-toast with an icon, .uni-sample-toast without one.
  const toast = page.locator('.uni-toast, .uni-sample-toast').filter({ hasText: text })
  await toast.waitFor()
  await toast.waitFor({ state: 'hidden', timeout: 5_000 })
}

/** A solid-colour PNG, built by hand: the API checks the image's first bytes, not its name. */
function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.alloc(1 + size * 3)
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + x * 3)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function input(page: Page, testId: string) {
  return page.getByTestId(testId).locator('input')
}

/**
 * Types into a uni <input>. Its H5 version passes the value to v-model at most every 100 ms, so
 * a second fill right after a first one would reach the page only after an immediate tap.
 */
async function fill(page: Page, testId: string, value: string) {
  await input(page, testId).fill(value)
  await sleep(150)
}

function isChecked(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).locator('.uni-switch-input').evaluate((el) => el.classList.contains('uni-switch-input-checked'))
}

/** Waits until the API reports what the page should have saved. */
async function eventually(token: string, check: (user: ApiUser) => boolean, what: string): Promise<ApiUser> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const user = await fetchMe(token)
    if (check(user)) return user
    if (Date.now() > deadline) assert.fail(`${what}: the API still reports ${JSON.stringify(user)}`)
    await sleep(150)
  }
}

describe('H5 accounts', { timeout: 300_000 }, () => {
  let h5: H5Session | undefined
  let page: Page
  let guestId: string | number
  let accountToken = ''

  before(async () => {
    h5 = await startH5('dist/e2e/h5-accounts')
    page = h5.page
  })

  after(async () => {
    await h5?.close()
  })

  it('offers sign-in to a guest on the Me tab', async () => {
    assert.ok(h5)
    await page.goto(h5.url)
    const guest = await fetchMe(await waitForToken(page))
    assert.equal(guest.isGuest, true)
    guestId = guest.id
    await openTab(page, '我的', 'pages/me/index')
    await page.getByTestId('account-badge').filter({ hasText: '游客' }).waitFor()
    await page.getByTestId('login-entry').filter({ hasText: '登录/注册' }).waitFor()
    assert.match(await page.getByTestId('guest-hint').innerText(), /保存在这台设备上/)
    assert.equal(await page.getByTestId('logout').count(), 0)
    await page.screenshot({ path: screenshotPath('h5-me-guest.png') })
  })

  it('asks for a valid mainland number before sending a code', async () => {
    await page.getByTestId('login-entry').click()
    await waitForRoute(page, 'pages/auth/login')
    await fill(page, 'phone-input', '12345')
    await page.getByTestId('send-code').click()
    await page.getByTestId('login-error').filter({ hasText: '请输入正确的中国大陆手机号' }).waitFor()
  })

  it('sends a code and counts down 60 s', async () => {
    await fill(page, 'phone-input', phone)
    await page.getByTestId('send-code').click()
    await page.getByTestId('send-code').filter({ hasText: /^\s*(60|59|58) 秒后重发\s*$/ }).waitFor()
    assert.equal(await page.getByTestId('login-error').count(), 0)
    await toastShown(page, '验证码已发送')
    await page.screenshot({ path: screenshotPath('h5-login.png') })
  })

  it('shows the remaining attempts for a wrong code', async () => {
    // Knowing the real code (when the log is available) rules out guessing it by accident.
    const real = smsLog ? await codeFromLog() : null
    const wrong = real === '000000' ? '111111' : '000000'
    await fill(page, 'code-input', wrong)
    await page.getByTestId('submit').click()
    await page.getByTestId('login-error').filter({ hasText: '验证码错误，还可以再试 4 次' }).waitFor()
    const token = await storedValue(page, TOKEN_KEY)
    assert.ok(token)
    assert.equal((await fetchMe(token)).isGuest, true, 'still the guest')
    await page.screenshot({ path: screenshotPath('h5-login-wrong-code.png') })
  })

  describe('signed in with the texted code', { skip: smsLog ? false : NO_SMS_LOG }, () => {
    it('signs in with the code from the API log and shows the masked phone on Me', async () => {
      const code = await codeFromLog()
      await fill(page, 'code-input', code)
      await page.getByTestId('submit').click()
      await waitForRoute(page, 'pages/me/index')
      // A number without an account: this guest becomes the account, nothing to merge.
      await toastShown(page, '登录成功')
      await page.getByTestId('phone').filter({ hasText: masked }).waitFor()
      assert.equal(await page.getByTestId('account-badge').innerText(), '已登录')
      assert.equal(await page.getByTestId('login-entry').count(), 0)

      accountToken = await waitForToken(page)
      const user = await fetchMe(accountToken)
      assert.equal(user.isGuest, false)
      assert.equal(user.phone, masked)
      // A number without an account turns this guest into the account: same id, data in place.
      assert.equal(user.id, guestId)
      await page.screenshot({ path: screenshotPath('h5-me-signed-in.png') })
    })

    it('saves danmu and speed in Settings and keeps them after a reload', async () => {
      await page.getByTestId('open-settings').click()
      await waitForRoute(page, 'pages/me/settings')
      assert.match(await page.getByTestId('auto-unlock-explain').innerText(), /自动扣除金币/)
      assert.equal(await isChecked(page, 'auto-unlock'), false)
      assert.equal(await isChecked(page, 'danmu'), true)
      await page.screenshot({ path: screenshotPath('h5-settings.png'), fullPage: true })

      await page.getByTestId('danmu').click()
      await eventually(accountToken, (user) => !user.settings.danmuEnabled, 'danmu off')
      await page.getByTestId('speed-1.5').click()
      await page.locator('.chip--active[data-testid="speed-1.5"]').waitFor()
      await eventually(accountToken, (user) => user.settings.playbackSpeed === 1.5, 'speed 1.5x')

      await page.reload()
      await waitForRoute(page, 'pages/me/settings')
      await page.locator('.chip--active[data-testid="speed-1.5"]').waitFor()
      assert.equal(await isChecked(page, 'danmu'), false)
      const user = await fetchMe(accountToken)
      assert.deepEqual(user.settings, { autoUnlock: false, danmuEnabled: false, playbackSpeed: 1.5, preferredQuality: 'auto' })
    })

    it('asks before turning auto-unlock on, and leaves it off when cancelled', async () => {
      await page.getByTestId('auto-unlock').click()
      const dialog = page.locator('.uni-modal')
      await dialog.filter({ hasText: '开启自动解锁？' }).waitFor()
      assert.match(await dialog.innerText(), /不会再次确认/)
      assert.equal(await isChecked(page, 'auto-unlock'), false, 'the switch stays off while asking')
      await sleep(400) // the dialog fades in
      await page.screenshot({ path: screenshotPath('h5-settings-auto-unlock.png') })
      await dialog.locator('.uni-modal__btn_default').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.waitForFunction(() => !document.querySelector('[data-testid="auto-unlock"] .uni-switch-input-checked'))
      assert.equal((await fetchMe(accountToken)).settings.autoUnlock, false)

      await page.getByTestId('auto-unlock').click()
      await dialog.locator('.uni-modal__btn_primary').filter({ hasText: '开启' }).click()
      await eventually(accountToken, (user) => user.settings.autoUnlock, 'auto-unlock on')
      await page.getByTestId('auto-unlock').click()
      await eventually(accountToken, (user) => !user.settings.autoUnlock, 'auto-unlock off again (no dialog needed)')
    })

    it('renames the viewer and uploads an avatar in Profile', async () => {
      // Settings was reloaded, so it is the only page in the app's stack: the browser's back button.
      await page.goBack()
      await waitForRoute(page, 'pages/me/index')
      await page.getByTestId('open-profile').click()
      await waitForRoute(page, 'pages/me/profile')

      await fill(page, 'nickname-input', ' ')
      await page.getByTestId('save-nickname').click()
      await page.getByTestId('nickname-error').filter({ hasText: '昵称不能为空' }).waitFor()
      const nickname = `追剧${phone.slice(-4)}`
      await fill(page, 'nickname-input', nickname)
      await page.getByTestId('save-nickname').click()
      await toastShown(page, '已保存')
      await eventually(accountToken, (user) => user.nickname === nickname, 'nickname saved')

      const chooser = page.waitForEvent('filechooser')
      await page.getByTestId('change-avatar').click()
      await (await chooser).setFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: solidPng(64, [255, 59, 92]) })
      await toastShown(page, '头像已更新')
      const user = await eventually(accountToken, (u) => Boolean(u.avatarUrl), 'avatar uploaded')
      assert.ok(user.avatarUrl)
      const image = page.getByTestId('profile-avatar').locator('img')
      await page.waitForFunction(
        (url) => document.querySelector<HTMLImageElement>('[data-testid="profile-avatar"] img')?.getAttribute('src') === url,
        user.avatarUrl,
      )
      // The API builds avatar URLs from its APP_URL; check the picture loads when that is this API.
      if (user.avatarUrl.startsWith(`${apiUrl}/`)) {
        await page.waitForFunction(() => {
          const img = document.querySelector<HTMLImageElement>('[data-testid="profile-avatar"] img')
          return Boolean(img?.complete && img.naturalWidth === 64)
        })
      }
      assert.equal(await image.count(), 1)
      await page.screenshot({ path: screenshotPath('h5-profile.png') })

      await page.locator('.uni-page-head-btn').first().click() // the navigation bar's back arrow
      await waitForRoute(page, 'pages/me/index')
      await page.getByTestId('nickname').filter({ hasText: nickname }).waitFor()
    })

    it('logs out after confirming and is a guest again', async () => {
      await page.getByTestId('logout').click()
      const dialog = page.locator('.uni-modal')
      await dialog.filter({ hasText: '退出登录？' }).waitFor()
      await dialog.locator('.uni-modal__btn_primary').click()
      await toastShown(page, '已退出登录')
      await page.getByTestId('account-badge').filter({ hasText: '游客' }).waitFor()
      await page.getByTestId('login-entry').waitFor()
      assert.equal(await page.getByTestId('phone').count(), 0)

      const token = await waitForToken(page)
      assert.notEqual(token, accountToken)
      const guest = await fetchMe(token)
      assert.equal(guest.isGuest, true)
      assert.notEqual(guest.id, guestId, 'a new guest: the old one became the account')
      const revoked = await fetch(`${apiUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${accountToken}` } })
      assert.equal(revoked.status, 401, 'the account token is revoked')
      await page.screenshot({ path: screenshotPath('h5-me-logged-out.png') })
    })

    it('waits out the Retry-After of a second code, then merges the new guest into the account', async () => {
      const accountId = guestId
      const seen = (await codesInLog()).length
      await page.getByTestId('login-entry').click()
      await waitForRoute(page, 'pages/auth/login')
      await fill(page, 'phone-input', phone)

      // The first code went out less than 60 s ago: the API answers 429 with Retry-After.
      await page.getByTestId('send-code').click()
      await page.getByTestId('login-error').filter({ hasText: /^操作太频繁，请 \d+ 秒后再试$/ }).waitFor()
      const shown = Number((await page.getByTestId('login-error').innerText()).match(/\d+/)?.[0])
      assert.ok(shown > 0 && shown <= 60, `retry after ${shown} s`)
      await page.getByTestId('send-code').filter({ hasText: /秒后重发/ }).waitFor()
      await page.screenshot({ path: screenshotPath('h5-login-retry-after.png') })

      await page.getByTestId('send-code').filter({ hasText: '获取验证码' }).waitFor({ timeout: (shown + 5) * 1000 })
      await page.getByTestId('send-code').click()
      const code = await codeFromLog(seen)
      await fill(page, 'code-input', code)
      await page.getByTestId('submit').click()
      await waitForRoute(page, 'pages/me/index')
      await toastShown(page, '游客数据已合并')
      await page.getByTestId('phone').filter({ hasText: masked }).waitFor()
      const user = await fetchMe(await waitForToken(page))
      assert.equal(user.id, accountId, 'back in the same account')
      assert.equal(user.isGuest, false)
    })
  })

  it('raised no page errors', () => {
    assert.deepEqual(h5?.pageErrors.map((error) => error.message), [])
  })
})
