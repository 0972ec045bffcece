import type User from '#modules/users/models/user'

/** The viewer as clients see them. Phone numbers are masked: 138****0000. */
export class UserTransformer {
  static transform(user: User) {
    return {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl ?? null,
      isGuest: user.isGuest,
      phone: user.phone ? `${user.phone.slice(0, 3)}****${user.phone.slice(-4)}` : null,
      wechatBound: Boolean(user.wechatOpenid || user.wechatUnionid),
      settings: user.effectiveSettings,
      createdAt: user.createdAt.toISO(),
    }
  }
}
