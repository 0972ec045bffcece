import type User from '#modules/users/models/user'
import { maskPhone } from '#modules/users/services/phone'

/** The viewer as clients see them. Phone numbers are masked: 138****0000. */
export class UserTransformer {
  static transform(user: User) {
    return {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl ?? null,
      isGuest: user.isGuest,
      phone: maskPhone(user.phone),
      wechatBound: Boolean(user.wechatOpenid || user.wechatUnionid),
      settings: user.effectiveSettings,
      createdAt: user.createdAt.toISO(),
    }
  }
}

/** The viewer as staff with users.manage see them: full phone, moderation state. */
export class AdminViewerTransformer {
  static transform(user: User) {
    return {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl ?? null,
      isGuest: user.isGuest,
      phone: user.phone ?? null,
      status: user.status,
      signupPlatform: user.signupPlatform,
      wechatBound: Boolean(user.wechatOpenid || user.wechatUnionid),
      bannedReason: user.bannedReason ?? null,
      bannedAt: user.bannedAt?.toISO() ?? null,
      lastSeenAt: user.lastSeenAt?.toISO() ?? null,
      createdAt: user.createdAt.toISO(),
    }
  }
}
