export const PLATFORMS = ['app-android', 'app-ios', 'h5', 'mp-weixin'] as const
export type Platform = (typeof PLATFORMS)[number]
