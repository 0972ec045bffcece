import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { apiAs, browserSuite, MENUS, menuTitles, screenshot, signIn, signOut } from './support/harness.ts'

const suite = browserSuite()
const VIEWER = '追剧达人'

interface Viewer {
  id: number
  nickname: string
  status: 'active' | 'banned'
}

/** The seeded viewer, made active again in case an earlier run stopped between ban and unban. */
async function activeDemoViewer(): Promise<Viewer> {
  const api = await apiAs('admin@duanju.dev')
  const { data } = await api<{ data: Viewer[] }>('GET', `/admin/v1/users?q=${encodeURIComponent(VIEWER)}&limit=100`)
  const viewer = data.find((candidate) => candidate.nickname === VIEWER)
  if (!viewer) throw new Error(`the API has no seeded viewer named ${VIEWER}`)
  if (viewer.status === 'banned') await api('POST', `/admin/v1/users/${viewer.id}/unban`)
  return { ...viewer, status: 'active' }
}

async function signedIn(email: string, password?: string): Promise<Page> {
  const page = await suite.newPage()
  await signIn(page, email, password)
  await page.waitForURL((url) => url.pathname === '/dashboard')
  return page
}

async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.el-message--success', { hasText: text }).waitFor()
}

function url(page: Page): URL {
  return new URL(page.url())
}

function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`
}

describe('accounts screens in Chromium', () => {
  test('admin finds a viewer, bans them with a reason and lifts the ban', async () => {
    const viewer = await activeDemoViewer()
    const reason = `E2E 测试封禁 ${stamp()}`
    const page = await signedIn('admin@duanju.dev')

    await page.locator('aside').getByText('用户', { exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/users')
    await page.getByTestId('users-table').locator('.el-table__row').first().waitFor()
    await page.getByTestId('users-q').fill(VIEWER)
    await page.getByTestId('users-search').click()
    await page.waitForURL((url) => url.searchParams.get('q') === VIEWER)
    const row = page.getByTestId('users-table').locator('.el-table__row', { hasText: VIEWER }).first()
    await row.waitFor()
    assert.match(await row.innerText(), /H5/)
    assert.match(await row.innerText(), /正常/)
    await screenshot(page, 'users-list')

    await row.click()
    await page.waitForURL((url) => url.pathname === `/users/${viewer.id}`)
    assert.equal((await page.getByTestId('user-name').innerText()).trim(), VIEWER)
    await page.locator('aside .el-menu-item.is-active', { hasText: '用户' }).waitFor()
    await page.getByTestId('user-devices').locator('.el-table__row').first().waitFor()

    // The reason is required before anything reaches the server.
    await page.getByTestId('ban-user').click()
    const dialog = page.getByTestId('ban-dialog')
    await dialog.getByTestId('ban-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '请填写封禁原因' }).waitFor()
    await dialog.getByTestId('ban-reason').fill(reason)
    await dialog.locator('.el-form-item__error').waitFor({ state: 'detached' })
    await screenshot(page, 'user-ban-dialog')
    await dialog.getByTestId('ban-submit').click()
    await toast(page, `已封禁用户「${VIEWER}」`)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('user-profile').getByTestId('user-status').filter({ hasText: '封禁' }).waitFor()
    assert.equal((await page.getByTestId('banned-reason').innerText()).trim(), reason)
    await screenshot(page, 'user-banned')

    // The list shows the new state, with the filters kept in the address.
    await page.goto(`/users?status=banned&q=${encodeURIComponent(VIEWER)}`)
    const bannedRow = page.getByTestId('users-table').locator('.el-table__row', { hasText: VIEWER }).first()
    await bannedRow.waitFor()
    assert.match(await bannedRow.innerText(), /封禁/)
    await bannedRow.click()
    await page.waitForURL((url) => url.pathname === `/users/${viewer.id}`)

    await page.getByTestId('unban-user').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByText(`确定解除对「${VIEWER}」的封禁吗？`).waitFor()
    await confirm.locator('.el-message-box__btns .el-button--primary').click()
    await toast(page, `已解除对「${VIEWER}」的封禁`)
    await page.getByTestId('user-profile').getByTestId('user-status').filter({ hasText: '正常' }).waitFor()
    await page.getByTestId('ban-user').waitFor()

    // Back to the list as it was left: the banned filter, refreshed, no longer finds the viewer.
    await page.getByTestId('back-to-users').click()
    await page.waitForURL((url) => url.pathname === '/users' && url.searchParams.get('status') === 'banned')
    assert.equal(url(page).searchParams.get('q'), VIEWER)
    await page.getByTestId('users-table').getByText('暂无数据').waitFor()

    const api = await apiAs('admin@duanju.dev')
    const { user } = await api<{ user: Viewer }>('GET', `/admin/v1/users/${viewer.id}`)
    assert.equal(user.status, 'active')
  })

  test('admin creates an operator account, who signs in and sees the operator menu', async () => {
    const id = stamp()
    const email = `e2e.operator.${id}@duanju.dev`
    const name = `E2E 运营 ${id}`
    const password = `E2e-${id}-pass`
    const page = await signedIn('admin@duanju.dev')

    await page.goto('/system/admins')
    await page.getByTestId('admins-table').locator('.el-table__row', { hasText: 'admin@duanju.dev' }).waitFor()
    await page.getByTestId('create-admin').click()
    const dialog = page.getByTestId('admin-dialog')
    await dialog.locator('.admin-form__role', { hasText: '超级管理员' }).waitFor()
    // Each role shows what it may do.
    assert.match(await dialog.locator('[data-role="finance"]').innerText(), /财务管理/)

    await dialog.getByTestId('admin-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '请输入邮箱' }).waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '请至少选择一个角色' }).waitFor()

    await dialog.locator('input[name="admin-email"]').fill(email)
    await dialog.locator('input[name="admin-name"]').fill(name)
    await dialog.locator('[data-role="operator"]').click()
    await dialog.locator('input[name="admin-password"]').fill('short')
    await dialog.getByTestId('admin-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '密码长度为 10–128 位' }).waitFor()
    // The fields now filled in lose their errors (they fade out).
    await dialog.locator('.el-form-item__error').filter({ hasText: /请输入邮箱|请输入姓名|请至少选择一个角色/ }).first().waitFor({ state: 'detached' })
    assert.equal(await dialog.locator('.el-form-item__error').count(), 1)
    await dialog.locator('input[name="admin-password"]').fill(password)
    await screenshot(page, 'admin-create-dialog')
    await dialog.getByTestId('admin-submit').click()
    await toast(page, `已创建管理员「${name}」`)
    const row = page.getByTestId('admins-table').locator('.el-table__row', { hasText: email })
    await row.waitFor()
    assert.match(await row.innerText(), /运营/)
    assert.match(await row.innerText(), /启用/)

    // The same email again: the server's EMAIL_TAKEN lands under the email field.
    await page.getByTestId('create-admin').click()
    await dialog.locator('input[name="admin-email"]').fill(email.toUpperCase())
    await dialog.locator('input[name="admin-name"]').fill(`${name} 2`)
    await dialog.locator('[data-role="reviewer"]').click()
    await dialog.locator('input[name="admin-password"]').fill(password)
    await dialog.getByTestId('admin-submit').click()
    await dialog.locator('.el-form-item__error', { hasText: '该邮箱已被其他管理员使用' }).waitFor()
    await screenshot(page, 'admin-email-taken')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await signOut(page)
    await signIn(page, email, password)
    await page.waitForURL((url) => url.pathname === '/dashboard')
    assert.equal((await page.getByTestId('current-admin').innerText()).trim(), name)
    assert.deepEqual(await menuTitles(page), MENUS.operator)
    assert.ok(!(await menuTitles(page)).includes('系统'))
    await page.goto('/system/admins')
    await page.getByTestId('forbidden').waitFor()
  })

  test('admin edits an account, and cannot lock themselves out', async () => {
    const id = stamp()
    const api = await apiAs('admin@duanju.dev')
    const { admin: created } = await api<{ admin: { id: number; email: string } }>('POST', '/admin/v1/admins', {
      email: `e2e.reviewer.${id}@duanju.dev`,
      name: `E2E 审核 ${id}`,
      roles: ['reviewer'],
      password: `E2e-${id}-pass`,
    })
    const page = await signedIn('admin@duanju.dev')
    await page.goto('/system/admins')
    const dialog = page.getByTestId('admin-dialog')

    const row = page.getByTestId('admins-table').locator('.el-table__row', { hasText: created.email })
    await row.getByTestId('edit-admin').click()
    assert.equal(await dialog.locator('input[name="admin-email"]').isDisabled(), true)
    await dialog.locator('input[name="admin-name"]').fill(`E2E 审核主管 ${id}`)
    await dialog.locator('[data-role="finance"]').click()
    await dialog.getByTestId('admin-status').click()
    await dialog.getByTestId('admin-submit').click()
    await toast(page, `已保存「E2E 审核主管 ${id}」`)
    await row.filter({ hasText: '停用' }).waitFor()
    assert.match(await row.innerText(), /审核员/)
    assert.match(await row.innerText(), /财务/)

    const me = page.getByTestId('admins-table').locator('.el-table__row', { hasText: 'admin@duanju.dev' })
    await me.getByTestId('edit-admin').click()
    await dialog.getByTestId('admin-status').click()
    await dialog.getByTestId('admin-submit').click()
    const alert = dialog.getByTestId('admin-form-error')
    await alert.waitFor()
    assert.match(await alert.innerText(), /不能停用自己的账号/)
    await screenshot(page, 'admin-lock-out-self')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.match(await me.innerText(), /启用/)
  })

  test('the audit log lists bans and new admin accounts, with before/after snapshots', async () => {
    const id = stamp()
    const viewer = await activeDemoViewer()
    const api = await apiAs('admin@duanju.dev')
    const email = `e2e.audit.${id}@duanju.dev`
    await api('POST', '/admin/v1/admins', { email, name: `E2E 审计 ${id}`, roles: ['finance'], password: `E2e-${id}-pass` })
    const reason = `E2E 审计封禁 ${id}`
    await api('POST', `/admin/v1/users/${viewer.id}/ban`, { reason })
    await api('POST', `/admin/v1/users/${viewer.id}/unban`)

    const page = await signedIn('admin@duanju.dev')
    await page.locator('aside').getByText('审计日志').click()
    await page.waitForURL((url) => url.pathname === '/system/audit')
    const table = page.getByTestId('audit-table')
    await table.locator('[data-action="users.unban"]').first().waitFor()
    await table.locator('[data-action="users.ban"]').first().waitFor()
    await table.locator('[data-action="admins.create"]').first().waitFor()

    // Actor ids are numbers: other characters never reach the filter.
    await page.getByTestId('audit-actor-id').fill('1x')
    assert.equal(await page.getByTestId('audit-actor-id').inputValue(), '1')

    // Filter by action through the form; the newest ban is ours.
    await page.getByTestId('audit-action').click()
    await page.locator('.el-select-dropdown__item', { hasText: 'users.ban' }).click()
    await page.getByTestId('audit-search').click()
    await page.waitForURL((url) => url.searchParams.get('action') === 'users.ban' && url.searchParams.get('actorId') === '1')
    const firstBan = table.locator('.el-table__row').first()
    await firstBan.filter({ hasText: '封禁用户' }).waitFor()
    assert.equal(await table.locator('[data-action]:not([data-action="users.ban"])').count(), 0)
    assert.match(await firstBan.innerText(), new RegExp(`user #${viewer.id}`))
    await firstBan.locator('.el-table__expand-icon').click()
    const detail = table.getByTestId('audit-detail').first()
    await detail.waitFor()
    assert.match(await detail.getByTestId('audit-before').innerText(), /"status": "active"/)
    assert.match(await detail.getByTestId('audit-after').innerText(), /"status": "banned"/)
    assert.ok((await detail.getByTestId('audit-after').innerText()).includes(reason))
    assert.match(await detail.innerText(), /bannedReason/)
    await screenshot(page, 'audit-ban-expanded')

    // Today's admins.create entries, filtered through the address, include the one just made.
    const today = new Date()
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`
    await page.goto(`/system/audit?action=admins.create&from=${day}&to=${day}`)
    const created = table.locator('.el-table__row', { hasText: '新建管理员' }).first()
    await created.waitFor()
    await created.locator('.el-table__expand-icon').click()
    await table.getByTestId('audit-after').filter({ hasText: email }).waitFor()
    assert.equal(await page.locator('.el-date-editor .el-range-input').first().inputValue(), day)
    await screenshot(page, 'audit-admins-create')
  })
})

describe('each demo role sees only its own screens', () => {
  test('admin opens users, admins and the audit log', async () => {
    const page = await signedIn('admin@duanju.dev')
    assert.deepEqual(await menuTitles(page), MENUS.admin)
    for (const [path, testId] of [
      ['/users', 'users-table'],
      ['/system/admins', 'admins-table'],
      ['/system/audit', 'audit-table'],
    ] as const) {
      await page.goto(path)
      await page.getByTestId(testId).waitFor()
    }
  })

  for (const [role, forbidden] of [
    ['finance', '/users'],
    ['reviewer', '/system/admins'],
    ['operator', '/system/audit'],
  ] as const) {
    test(`${role} sees its menu and gets the 403 page for ${forbidden}`, async () => {
      const page = await signedIn(`${role}@duanju.dev`)
      assert.deepEqual(await menuTitles(page), MENUS[role])
      await page.goto(forbidden)
      await page.getByTestId('forbidden').waitFor()
      assert.equal(new URL(page.url()).pathname, '/403')
      assert.equal(new URL(page.url()).searchParams.get('from'), forbidden)
      assert.deepEqual(await menuTitles(page), MENUS[role])
    })
  }

  test('operator manages users but has no system section', async () => {
    const page = await signedIn('operator@duanju.dev')
    await page.goto('/users')
    await page.getByTestId('users-table').locator('.el-table__row').first().waitFor()
    await page.getByTestId('users-table').locator('.el-table__row').first().click()
    await page.waitForURL((url) => /^\/users\/\d+$/.test(url.pathname))
    await page.getByTestId('user-profile').waitFor()
    // The audit trail link needs audit.read, which an operator lacks.
    assert.equal(await page.getByText('审计记录').isVisible(), false)
    await screenshot(page, 'user-detail-operator')
  })
})
