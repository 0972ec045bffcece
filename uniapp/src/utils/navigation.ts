export const ROUTES = {
  me: '/pages/me/index',
  theater: '/pages/theater/index',
  login: '/pages/auth/login',
  profile: '/pages/me/profile',
  settings: '/pages/me/settings',
  search: '/pages/search/index',
  dramaDetail: '/pages/drama/detail',
  wallet: '/pages/wallet/index',
  recharge: '/pages/wallet/recharge',
  order: '/pages/wallet/order',
  ledger: '/pages/wallet/ledger',
  player: '/pages/player/index',
} as const

export function dramaUrl(id: number): string {
  return `${ROUTES.dramaDetail}?id=${id}`
}

/** The player on an episode; `dramaId` lets a locked episode's page name its drama before the API answers. */
export function playerUrl(episodeId: number, dramaId?: number): string {
  return `${ROUTES.player}?id=${episodeId}${dramaId === undefined ? '' : `&dramaId=${dramaId}`}`
}

/** The `?id=` of a drama or player page (and `?dramaId=`): a positive integer, or null for anything else. */
export function parseRouteId(raw: unknown): number | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null
  const text = String(raw).trim()
  if (!/^\d{1,15}$/.test(text)) return null
  const id = Number(text)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The order result page; `cancelled` when the viewer closed WeChat's cashier. */
export function orderUrl(orderNo: string, options: { cancelled?: boolean } = {}): string {
  return `${ROUTES.order}?orderNo=${encodeURIComponent(orderNo)}${options.cancelled ? '&cancelled=1' : ''}`
}

/** The `?orderNo=` of the order page: the API's order numbers are 1–32 letters and digits. */
export function parseOrderNo(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  return /^[0-9A-Za-z_-]{1,32}$/.test(text) ? text : null
}

/** Back down the page stack to `route` when it is there, else replace this page with it. */
export function returnTo(route: string): void {
  const pages = getCurrentPages()
  const index = pages.map((page) => `/${page.route ?? ''}`).lastIndexOf(route)
  if (index >= 0 && index < pages.length - 1) uni.navigateBack({ delta: pages.length - 1 - index })
  else uni.redirectTo({ url: route })
}

/** Back to the page that opened this one, or to `tab` when this page was opened directly. */
export function goBack(tab: (typeof ROUTES)['me' | 'theater']): void {
  if (getCurrentPages().length > 1) uni.navigateBack({ delta: 1 })
  else uni.switchTab({ url: tab })
}

export function backToMe(): void {
  goBack(ROUTES.me)
}
