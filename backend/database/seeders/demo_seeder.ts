import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import AdminUser from '#modules/users/models/admin_user'
import User from '#modules/users/models/user'
import UserDevice from '#modules/users/models/user_device'
import type { AdminRole } from '#modules/users/services/permissions'

/** The demo logins printed by `npm run dev`. Never seeded in production. */
export const DEMO_PASSWORD = 'Duanju@2026'
export const DEMO_ADMINS: { email: string; name: string; role: AdminRole }[] = [
  { email: 'admin@duanju.dev', name: '超级管理员', role: 'admin' },
  { email: 'operator@duanju.dev', name: '运营小王', role: 'operator' },
  { email: 'reviewer@duanju.dev', name: '审核小李', role: 'reviewer' },
  { email: 'finance@duanju.dev', name: '财务小张', role: 'finance' },
]
export const DEMO_VIEWERS = [
  { nickname: '追剧达人', platform: 'h5', deviceId: 'demo-viewer-h5-0001' },
  { nickname: '夜猫子', platform: 'app-android', deviceId: 'demo-viewer-android-0001' },
  { nickname: 'Lily', platform: 'mp-weixin', deviceId: 'demo-viewer-mp-0001' },
] as const

export default class DemoSeeder extends BaseSeeder {
  static override environment = ['development', 'test']

  override async run() {
    for (const demo of DEMO_ADMINS) {
      const existing = await AdminUser.findBy('email', demo.email)
      if (existing) continue
      await AdminUser.create({
        email: demo.email,
        name: demo.name,
        password: DEMO_PASSWORD,
        roles: [demo.role],
        status: 'active',
      })
    }
    for (const demo of DEMO_VIEWERS) {
      const device = await UserDevice.query()
        .where({ platform: demo.platform, deviceId: demo.deviceId })
        .first()
      if (device) continue
      const user = await User.create({
        nickname: demo.nickname,
        isGuest: true,
        status: 'active',
        settings: {},
        signupPlatform: demo.platform,
      })
      await UserDevice.create({
        userId: user.id,
        platform: demo.platform,
        deviceId: demo.deviceId,
        lastSeenAt: DateTime.utc(),
      })
    }
  }
}
