import app from '@adonisjs/core/services/app'
import type { Group } from '@japa/runner/core'
import { TencentSmsProvider } from '#core/sms/tencent_provider'
import { FakeTencentSms } from '#tests/fixtures/tencent_sms_server'
import { FakeWechat } from '#tests/fixtures/wechat_server'
import AdminUser from '#modules/users/models/admin_user'
import type { AdminRole } from '#modules/users/services/permissions'

/** Points the app's SMS provider at a fake Tencent SMS for the group (real SDK, real signing). */
export function useFakeSms(group: Group) {
  const fake = new FakeTencentSms()
  group.setup(async () => {
    const url = new URL(await fake.start())
    const original = await app.container.make('duanju.sms')
    app.container.bindValue(
      'duanju.sms',
      new TencentSmsProvider({
        secretId: fake.secretId,
        secretKey: fake.secretKey,
        region: 'ap-guangzhou',
        sdkAppId: '1400000001',
        signName: '短剧测试',
        loginTemplateId: '100001',
        endpoint: url.host,
        protocol: 'http://',
      })
    )
    return async () => {
      app.container.bindValue('duanju.sms', original)
      await fake.stop()
    }
  })
  return fake
}

/** Points WeChat sign-in at a fake api.weixin.qq.com for the group. */
export function useFakeWechat(group: Group) {
  const fake = new FakeWechat()
  group.setup(async () => {
    const before = app.config.get('wechat.mp')
    app.config.set('wechat.mp', {
      appId: fake.appId,
      secret: fake.secret,
      apiBase: await fake.start(),
    })
    return async () => {
      app.config.set('wechat.mp', before)
      await fake.stop()
    }
  })
  return fake
}

let phoneCounter = 0
/** A fresh mainland number per call, so tests never share the per-number limits. */
export function uniquePhone() {
  phoneCounter++
  const tail =
    `${Date.now() % 1_000_000}`.padStart(6, '0') + String(phoneCounter % 100).padStart(2, '0')
  return `+86139${tail}`
}

export const STAFF_PASSWORD = 'Staff-Password-1'

export async function staffToken(client: any, role: AdminRole) {
  const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
  await AdminUser.create({
    email,
    name: `${role} tester`,
    password: STAFF_PASSWORD,
    roles: [role],
    status: 'active',
  })
  const res = await client.post('/admin/v1/auth/login').json({ email, password: STAFF_PASSWORD })
  return res.body().token as string
}

export async function guest(
  client: any,
  deviceId = `dev-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`
) {
  const res = await client.post('/api/v1/auth/guest').json({ deviceId, platform: 'h5' })
  return { token: res.body().token as string, user: res.body().user, deviceId }
}
