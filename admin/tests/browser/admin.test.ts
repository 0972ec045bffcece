import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { API_URL, browserSuite, MENUS, menuTitles, screenshot, signIn } from './support/harness.ts'

const suite = browserSuite()
const newPage = () => suite.newPage()

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
    await screenshot(page, 'login')
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
    await screenshot(page, 'login-error')
  })

  test('admin sees the full menu and the dashboard shows who is signed in', async () => {
    const page = await newPage()
    await signIn(page, 'admin@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(page), MENUS.admin)
    const children = (section: string) => page.locator('aside .el-sub-menu', { hasText: section }).locator('.el-menu-item')
    assert.deepEqual((await children('系统').allInnerTexts()).map((text) => text.trim()), ['管理员', '审计日志'])
    assert.deepEqual((await children('剧目').allInnerTexts()).map((text) => text.trim()), ['剧目列表', '分类管理'])
    assert.deepEqual((await children('财务').allInnerTexts()).map((text) => text.trim()), ['用户钱包', '充值套餐'])

    const card = page.getByTestId('signed-in-admin')
    assert.match(await card.innerText(), /admin@duanju\.dev/)
    assert.deepEqual(
      (await page.getByTestId('admin-role').allInnerTexts()).map((text) => text.trim()),
      ['超级管理员'],
    )
    await screenshot(page, 'layout-admin')

    await page.locator('aside').getByText('审计日志').click()
    await page.waitForURL((url) => url.pathname === '/system/audit')
    await page.locator('aside .el-menu-item.is-active', { hasText: '审计日志' }).waitFor()
    await page.getByTestId('audit-table').waitFor()
  })

  test('reviewer sees only 概览 and 审核, and gets 403 for /users', async () => {
    const page = await newPage()
    await signIn(page, 'reviewer@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(page), MENUS.reviewer)
    // v-perm hides the dashboard shortcuts the reviewer may not open.
    const shortcuts = page.getByTestId('shortcut').filter({ visible: true })
    assert.deepEqual((await shortcuts.allInnerTexts()).map((text) => text.trim()), ['审核'])
    assert.deepEqual((await page.getByTestId('admin-role').allInnerTexts()).map((text) => text.trim()), ['审核员'])

    await page.goto('/users')
    await page.getByTestId('forbidden').waitFor()
    assert.equal(new URL(page.url()).pathname, '/403')
    assert.match(await page.getByTestId('forbidden').innerText(), /无权访问/)
    assert.deepEqual(await menuTitles(page), MENUS.reviewer)
    await screenshot(page, 'forbidden-reviewer')
  })

  test('operator and finance get their own sections', async () => {
    const operator = await newPage()
    await signIn(operator, 'operator@duanju.dev')
    await operator.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(operator), MENUS.operator)

    const finance = await newPage()
    await signIn(finance, 'finance@duanju.dev')
    await finance.waitForURL((url) => url.pathname === '/dashboard')
    assert.deepEqual(await menuTitles(finance), MENUS.finance)
  })

  test('a signed-out visit goes to login and comes back after signing in', async () => {
    const page = await newPage()
    await page.goto('/orders')
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/orders')
    await signIn(page, 'finance@duanju.dev')
    await page.waitForURL((url) => url.pathname === '/orders')
    await page.getByTestId('orders-table').waitFor()
    // Modules not built yet say so.
    await page.locator('aside').getByText('数据', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/stats')
    assert.match(await page.getByTestId('coming-soon').innerText(), /数据/)
    await screenshot(page, 'coming-soon')
  })

  test('an unknown path shows the 404 page', async () => {
    const page = await newPage()
    await page.goto('/this/page/does-not-exist')
    await page.getByTestId('not-found').waitFor()
    assert.match(await page.getByTestId('not-found').innerText(), /404/)
    await screenshot(page, 'not-found')
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
    await screenshot(page, 'layout-reviewer-en')
  })
})
