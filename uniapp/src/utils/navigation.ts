export const ROUTES = {
  me: '/pages/me/index',
  login: '/pages/auth/login',
  profile: '/pages/me/profile',
  settings: '/pages/me/settings',
} as const

/** Back to the page that opened this one, or to the Me tab when this page was opened directly. */
export function backToMe(): void {
  if (getCurrentPages().length > 1) uni.navigateBack({ delta: 1 })
  else uni.switchTab({ url: ROUTES.me })
}
