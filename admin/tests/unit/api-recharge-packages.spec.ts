import { ElMessage } from 'element-plus'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ApiError } from '@/api/http'
import { createPackage, listPackages, updatePackage } from '@/api/recharge-packages'
import { emptyPackageForm, packageInputOf } from '@/utils/finance'
import { startTestApi, type TestApiServer } from './support/api-server'
import { rejectionOf, signedInClient } from './support/session'

let api: TestApiServer

beforeEach(async () => {
  api = await startTestApi()
})

afterEach(async () => {
  ElMessage.closeAll()
  await api.close()
})

describe('recharge packages api', () => {
  it('lists every package in operator order', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const packages = await listPackages()
    expect(packages.map((pkg) => [pkg.name, pkg.priceFen, pkg.coins, pkg.bonusCoins])).toEqual([
      ['600金币', 600, 600, 0],
      ['1800金币', 1800, 1800, 200],
      ['5000金币', 4800, 5000, 1000],
    ])
    expect(packages[0]).toMatchObject({ firstRechargeBonus: 300, badge: '首充翻倍', platforms: ['app-android', 'app-ios', 'h5', 'mp-weixin'], isActive: true })
  })

  it('creates a package from the form (price typed in yuan, sent in fen) and edits it', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const form = { ...emptyPackageForm(3), name: ' 1999金币 ', price: 19.99, coins: 1999, bonusCoins: 100, platforms: ['h5' as const], badge: ' 限时 ' }
    const created = await createPackage(packageInputOf(form))
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/admin/v1/recharge-packages',
      body: { name: '1999金币', priceFen: 1999, coins: 1999, bonusCoins: 100, platforms: ['h5'], badge: '限时', appleProductId: null, sort: 3 },
    })
    expect(created).toMatchObject({ id: 4, name: '1999金币', priceFen: 1999, isActive: true })

    const updated = await updatePackage(created.id, { isActive: false, appleProductId: 'com.duanju.coins.1999' })
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/admin/v1/recharge-packages/4', body: { isActive: false } })
    expect(updated).toMatchObject({ isActive: false, appleProductId: 'com.duanju.coins.1999', priceFen: 1999 })
    expect((await listPackages()).at(-1)?.isActive).toBe(false)
  })

  it('returns field errors under the server field names, without a toast', async () => {
    await signedInClient(api, 'finance@duanju.dev')
    const error = (await rejectionOf(createPackage({ name: '', priceFen: 0, coins: 1.5, platforms: [] }))) as ApiError
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' })
    expect(error.fieldErrors.map((field) => field.field)).toEqual(['name', 'priceFen', 'coins', 'platforms'])
    expect(await rejectionOf(updatePackage(99, { isActive: true }))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    expect(document.querySelector('.el-message--error')).toBeNull()
  })

  it('is refused for an admin without finance.manage', async () => {
    await signedInClient(api, 'operator@duanju.dev')
    expect(await rejectionOf(listPackages())).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
