export const ROUTES = {
  me: '/pages/me/index',
  theater: '/pages/theater/index',
  login: '/pages/auth/login',
  profile: '/pages/me/profile',
  settings: '/pages/me/settings',
  search: '/pages/search/index',
  dramaDetail: '/pages/drama/detail',
} as const

export function dramaUrl(id: number): string {
  return `${ROUTES.dramaDetail}?id=${id}`
}

/** The `?id=` of a drama page: a positive integer, or null for anything else. */
export function parseDramaId(raw: unknown): number | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null
  const text = String(raw).trim()
  if (!/^\d{1,15}$/.test(text)) return null
  const id = Number(text)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Back to the page that opened this one, or to `tab` when this page was opened directly. */
export function goBack(tab: (typeof ROUTES)['me' | 'theater']): void {
  if (getCurrentPages().length > 1) uni.navigateBack({ delta: 1 })
  else uni.switchTab({ url: tab })
}

export function backToMe(): void {
  goBack(ROUTES.me)
}
