// A local stand-in for the Duanju endpoints the client uses, plus per-test routes. It speaks
// HTTP on 127.0.0.1 so the client code under test runs unchanged, and follows the API contract
// (status codes, error codes, headers) closely enough for the client's logic to be exercised.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface UploadedFile {
  filename: string
  type: string
  size: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: string
  authorization: string | undefined
  contentType: string | undefined
  /** JSON (parsed), text, or for multipart/form-data the fields and files by name. */
  body: unknown
}

export interface Reply {
  status: number
  body?: unknown
  /** Sent as is instead of JSON. */
  raw?: string
  headers?: Record<string, string>
}

export interface ApiSettings {
  autoUnlock: boolean
  danmuEnabled: boolean
  playbackSpeed: number
  preferredQuality: string
}

export interface ApiUser {
  id: number
  nickname: string
  avatarUrl: string | null
  isGuest: boolean
  phone: string | null
  wechatBound: boolean
  settings: ApiSettings
  createdAt: string
}

export interface ApiCategory {
  id: number
  name: string
  nameEn: string | null
  slug: string
}

export interface ApiEpisode {
  id: number
  number: number
  title: string | null
  durationSec: number
  /** The episode's own override; null follows the drama's free episodes. */
  isFree: boolean | null
  /** The episode's own price; null follows the drama's. */
  priceCoins: number | null
}

/** A drama as the catalog holds it; the card and detail shapes are built from it like the API's transformers. */
export interface ApiDrama {
  id: number
  title: string
  synopsis: string
  coverUrl: string | null
  bannerUrl: string | null
  tags: string[]
  cast: { name: string; role?: string }[]
  status: 'ongoing' | 'completed'
  plannedEpisodes: number
  /** Tenths, 0–100, as stored; the API answers rating / 10. */
  rating: number
  editorPick: boolean
  isSponsored: boolean
  categoryIds: number[]
  freeEpisodes: number
  episodePriceCoins: number
  hotScore: number
  publishedAt: string
  state: 'published' | 'draft' | 'unpublished'
  episodes: ApiEpisode[]
}

/** A recharge package as the payments module offers it to viewers (the demo seeder's three). */
export interface ApiPackage {
  id: number
  name: string
  priceFen: number
  coins: number
  bonusCoins: number
  bonusExpiresDays: number
  firstRechargeBonus: number
  badge: string | null
  platforms: string[]
}

export interface ApiOrder {
  id: string
  orderNo: string
  kind: 'recharge'
  itemId: string
  amountFen: number
  coins: number
  bonusCoins: number
  provider: string
  platform: string
  state: 'pending' | 'paid' | 'closed' | 'refunded'
  expiresAt: string
  paidAt: string | null
  createdAt: string
  /** Not in the API's answer: whose order it is, and how long its bonus lasts. */
  userId: number
  bonusExpiresDays: number
}

export interface ApiLedgerEntry {
  id: number
  type: string
  account: 'paid' | 'bonus'
  amount: number
  balanceAfter: number
  reference: { type: string; id: string } | null
  memo: string | null
  createdAt: string
}

interface ApiWalletState {
  paid: number
  lots: { coins: number; expiresAt: string }[]
  ledger: ApiLedgerEntry[]
}

export function demoPackages(): ApiPackage[] {
  const platforms = ['app-android', 'app-ios', 'h5', 'mp-weixin']
  return [
    { id: 1, name: '600金币', priceFen: 600, coins: 600, bonusCoins: 0, bonusExpiresDays: 30, firstRechargeBonus: 300, badge: '首充翻倍', platforms },
    { id: 2, name: '1800金币', priceFen: 1800, coins: 1800, bonusCoins: 200, bonusExpiresDays: 30, firstRechargeBonus: 0, badge: null, platforms },
    { id: 3, name: '5000金币', priceFen: 4800, coins: 5000, bonusCoins: 1000, bonusExpiresDays: 30, firstRechargeBonus: 0, badge: '超值', platforms },
  ]
}

let nextEpisodeId = 1

export function demoEpisodes(count: number): ApiEpisode[] {
  return Array.from({ length: count }, (_, i) => ({
    id: nextEpisodeId++,
    number: i + 1,
    title: `第${i + 1}集`,
    durationSec: 90 + ((i + 1) % 5) * 10,
    isFree: null,
    priceCoins: null,
  }))
}

/** The backend's demo catalog (catalog_demo_seeder), plus a draft that viewers must never see. */
export function demoCatalog(): { categories: ApiCategory[]; dramas: ApiDrama[] } {
  const categories: ApiCategory[] = [
    { id: 1, name: '都市', nameEn: 'Urban', slug: 'urban' },
    { id: 2, name: '古装', nameEn: 'Period', slug: 'period' },
    { id: 3, name: '甜宠', nameEn: 'Romance', slug: 'romance' },
    { id: 4, name: '逆袭', nameEn: 'Comeback', slug: 'comeback' },
    { id: 5, name: '悬疑', nameEn: 'Mystery', slug: 'mystery' },
  ]
  const base = { coverUrl: null, bannerUrl: null, editorPick: false, isSponsored: false, state: 'published' as const }
  const dramas: ApiDrama[] = [
    {
      ...base,
      id: 1,
      title: '闪婚后，总裁他每天都在装穷',
      synopsis: '为了给奶奶治病，林晚和一个"穷小子"闪婚，却发现丈夫竟是掌控半个城市的集团总裁。',
      tags: ['甜宠', '总裁', '闪婚'],
      cast: [
        { name: '林晚', role: '女主' },
        { name: '顾言深', role: '男主' },
      ],
      status: 'ongoing',
      plannedEpisodes: 24,
      rating: 91,
      categoryIds: [1, 3],
      freeEpisodes: 8,
      episodePriceCoins: 60,
      hotScore: 300,
      publishedAt: '2026-03-01T12:00:00.000Z',
      episodes: demoEpisodes(24),
    },
    {
      ...base,
      id: 2,
      title: '重生之嫡女归来',
      synopsis: '前世被庶妹陷害惨死，重生回到十五岁，她步步为营，誓要夺回属于自己的一切。',
      tags: ['重生', '宫斗', '复仇'],
      cast: [{ name: '沈清辞', role: '女主' }],
      status: 'completed',
      plannedEpisodes: 30,
      rating: 88,
      categoryIds: [2, 4],
      freeEpisodes: 10,
      episodePriceCoins: 80,
      hotScore: 200,
      publishedAt: '2026-03-02T12:00:00.000Z',
      episodes: demoEpisodes(30),
    },
    {
      ...base,
      id: 3,
      title: '深夜来电',
      synopsis: '每晚零点，一通来自十年前的电话，把刑警陈默拉回那桩从未破解的失踪案。',
      tags: ['悬疑', '刑侦'],
      cast: [{ name: '陈默', role: '男主' }],
      status: 'ongoing',
      plannedEpisodes: 16,
      rating: 85,
      categoryIds: [5],
      freeEpisodes: 5,
      episodePriceCoins: 100,
      hotScore: 100,
      publishedAt: '2026-03-03T12:00:00.000Z',
      episodes: demoEpisodes(16),
    },
    {
      ...base,
      id: 4,
      title: '未上线的草稿',
      synopsis: '',
      tags: ['甜宠'],
      cast: [],
      status: 'ongoing',
      plannedEpisodes: 10,
      rating: 0,
      categoryIds: [3],
      freeEpisodes: 3,
      episodePriceCoins: 60,
      hotScore: 999,
      publishedAt: '2026-03-04T12:00:00.000Z',
      state: 'draft',
      episodes: demoEpisodes(10),
    },
  ]
  return { categories, dramas }
}

/** The catalog's opaque cursors: the offset of the next page, base64url. */
const pageCursor = {
  encode: (offset: number) => Buffer.from(`o:${offset}`).toString('base64url'),
  decode: (cursor: string | null) => {
    if (!cursor) return 0
    const match = Buffer.from(cursor, 'base64url').toString().match(/^o:(\d{1,6})$/)
    return match ? Number(match[1]) : null
  },
}

const PLATFORMS = ['h5', 'mp-weixin', 'app-android', 'app-ios']
/** Which providers can take a payment on each platform (docs/api.md), before what the server runs. */
const PLATFORM_PROVIDERS: Record<string, string[]> = {
  'mp-weixin': ['wechatpay', 'sandbox'],
  'app-android': ['wechatpay', 'alipay', 'sandbox'],
  'app-ios': ['apple', 'sandbox'],
  h5: ['alipay', 'sandbox'],
}
const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3]
const QUALITIES = ['auto', '480p', '720p', '1080p']
const MAX_ATTEMPTS = 5
const RESEND_SECONDS = 60

function error(status: number, code: string, message: string, details?: Record<string, unknown>): Reply {
  return { status, body: { error: details ? { code, message, details } : { code, message } } }
}

function invalid(field: string, message = 'Invalid value', rule = 'invalid'): Reply {
  return error(422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields: [{ field, rule, message }] })
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const buffer = Buffer.concat(chunks)
  if (buffer.length === 0) return undefined
  const contentType = req.headers['content-type'] ?? ''
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': contentType }, body: buffer }).formData()
    const parsed: Record<string, string | UploadedFile> = {}
    for (const [name, value] of form.entries()) {
      parsed[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size }
    }
    return parsed
  }
  const text = buffer.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function startApiServer() {
  const guests = new Map<string, ApiUser>()
  const accounts = new Map<string, ApiUser>()
  const tokens = new Map<string, ApiUser>()
  const codes = new Map<string, { code: string; attempts: number; sentAt: number }>()
  const routes = new Map<string, (request: RecordedRequest) => Reply>()
  const requests: RecordedRequest[] = []
  let nextId = 100
  let baseUrl = ''
  const catalog = demoCatalog()
  const packages = demoPackages()
  /** Providers this server runs (a production API has no sandbox). */
  const providers = new Set<string>(['sandbox'])
  const orders = new Map<string, ApiOrder>()
  const wallets = new Map<number, ApiWalletState>()
  let nextOrder = 1
  let nextEntryId = 1
  /** Episodes a viewer bought (unlocked) or watches with VIP, by user id. */
  const grants = new Map<number, Map<number, 'unlocked' | 'vip'>>()

  function newUser(isGuest: boolean): ApiUser {
    nextId += 1
    return {
      id: nextId,
      nickname: isGuest ? `游客${nextId}` : `用户${nextId}`,
      avatarUrl: null,
      isGuest,
      phone: null,
      wechatBound: false,
      settings: { autoUnlock: false, danmuEnabled: true, playbackSpeed: 1, preferredQuality: 'auto' },
      createdAt: new Date().toISOString(),
    }
  }

  function issue(user: ApiUser): string {
    const token = `oat_${randomUUID()}`
    tokens.set(token, user)
    return token
  }

  function bearer(request: RecordedRequest): string {
    return request.authorization?.replace(/^Bearer /, '') ?? ''
  }

  const unauthenticated = () => error(401, 'UNAUTHENTICATED', 'Unauthenticated')

  function handle(request: RecordedRequest): Reply {
    const custom = routes.get(`${request.method} ${request.path}`)
    if (custom) return custom(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const key = `${request.method} ${request.path}`

    if (key === 'POST /api/v1/auth/guest') {
      const { deviceId, platform } = body
      if (typeof deviceId !== 'string' || typeof platform !== 'string' || !PLATFORMS.includes(platform)) {
        return invalid('platform', 'Unknown platform', 'enum')
      }
      let user = guests.get(deviceId)
      if (!user) {
        user = newUser(true)
        guests.set(deviceId, user)
      }
      return { status: 200, body: { token: issue(user), user } }
    }

    if (key === 'POST /api/v1/auth/sms-codes') {
      const phone = body.phone
      if (typeof phone !== 'string' || !/^\+861[3-9]\d{9}$/.test(phone)) return invalid('phone')
      const last = codes.get(phone)
      const wait = last ? RESEND_SECONDS - Math.floor((Date.now() - last.sentAt) / 1000) : 0
      if (wait > 0) {
        return { ...error(429, 'RATE_LIMITED', `Wait ${wait} s`, { retryAfter: wait }), headers: { 'Retry-After': String(wait) } }
      }
      codes.set(phone, { code: String(100000 + Math.floor(Math.random() * 900000)), attempts: 0, sentAt: Date.now() })
      return { status: 204 }
    }

    if (key === 'POST /api/v1/auth/phone') {
      // A token that is sent must be valid: it decides whose data is merged.
      const guest = tokens.get(bearer(request))
      if (request.authorization && !guest) return unauthenticated()
      const { phone, code } = body
      if (typeof phone !== 'string' || !/^\+861[3-9]\d{9}$/.test(phone)) return invalid('phone')
      if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return invalid('code')
      const sent = codes.get(phone)
      if (!sent) return error(401, 'CODE_EXPIRED', 'The code has expired')
      if (sent.attempts >= MAX_ATTEMPTS) return error(429, 'CODE_LOCKED', 'Too many wrong codes')
      if (sent.code !== code) {
        sent.attempts += 1
        const remaining = MAX_ATTEMPTS - sent.attempts
        return remaining > 0
          ? error(401, 'INVALID_CODE', 'Wrong code', { remainingAttempts: remaining })
          : error(429, 'CODE_LOCKED', 'Too many wrong codes')
      }
      codes.delete(phone)
      let account = accounts.get(phone)
      const merged = Boolean(guest?.isGuest)
      if (!account) {
        account = newUser(false)
        account.phone = `${phone.slice(3, 6)}****${phone.slice(-4)}`
        accounts.set(phone, account)
      }
      return { status: 200, body: { token: issue(account), user: account, merged } }
    }

    if (key === 'POST /api/v1/auth/logout') {
      if (!tokens.delete(bearer(request))) return unauthenticated()
      return { status: 204 }
    }

    const user = tokens.get(bearer(request))
    if (key === 'GET /api/v1/me') {
      return user ? { status: 200, body: { user } } : unauthenticated()
    }

    if (key === 'PUT /api/v1/me') {
      if (!user) return unauthenticated()
      const { nickname, settings } = body as { nickname?: unknown; settings?: Record<string, unknown> }
      if (nickname !== undefined && (typeof nickname !== 'string' || nickname.trim().length < 1 || nickname.trim().length > 20)) {
        return invalid('nickname')
      }
      if (settings !== undefined) {
        for (const [field, value] of Object.entries(settings)) {
          const ok =
            field === 'autoUnlock' || field === 'danmuEnabled'
              ? typeof value === 'boolean'
              : field === 'playbackSpeed'
                ? SPEEDS.includes(value as number)
                : field === 'preferredQuality' && QUALITIES.includes(value as string)
          if (!ok) return invalid(`settings.${field}`)
        }
        Object.assign(user.settings, settings)
      }
      if (typeof nickname === 'string') user.nickname = nickname.trim()
      return { status: 200, body: { user } }
    }

    if (key === 'POST /api/v1/me/avatar') {
      if (!user) return unauthenticated()
      const file = (body as Record<string, unknown>).avatar as UploadedFile | undefined
      if (!file || typeof file !== 'object') return invalid('avatar', 'The avatar file is required')
      if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) return invalid('avatar', 'jpg, png or webp')
      if (file.size > 2 * 1024 * 1024) return invalid('avatar', 'At most 2 MB')
      user.avatarUrl = `${baseUrl}/uploads/avatars/${user.id}-${randomUUID()}.${file.type.split('/')[1]}`
      return { status: 200, body: { user } }
    }

    const payments = handlePayments(request, body, user ?? null)
    if (payments) return payments

    if (request.method === 'GET') {
      // Catalog reads take a token but never require one; an unknown token reads as anonymous.
      const answer = handleCatalog(request.path, new URLSearchParams(request.query), user ?? null)
      if (answer) return answer
    }

    return error(404, 'NOT_FOUND', 'Not found')
  }

  function walletOf(userId: number): ApiWalletState {
    let wallet = wallets.get(userId)
    if (!wallet) {
      wallet = { paid: 0, lots: [], ledger: [] }
      wallets.set(userId, wallet)
    }
    return wallet
  }

  function liveLots(wallet: ApiWalletState) {
    const now = Date.now()
    return wallet.lots.filter((lot) => lot.coins > 0 && Date.parse(lot.expiresAt) > now).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
  }

  function summary(wallet: ApiWalletState) {
    const lots = liveLots(wallet)
    return {
      paidCoins: wallet.paid,
      bonusCoins: lots.reduce((n, lot) => n + lot.coins, 0),
      bonusExpiring: lots.map((lot) => ({ ...lot })),
      points: 0,
      vip: { active: false, plan: null, expiresAt: null },
    }
  }

  /** A ledger entry as the coins module writes it (one per account the transfer touched). */
  function record(userId: number, entry: { type: string; account: 'paid' | 'bonus'; amount: number; reference?: { type: string; id: string } | null; memo?: string | null }) {
    const wallet = walletOf(userId)
    const balanceAfter = entry.account === 'paid' ? wallet.paid : liveLots(wallet).reduce((n, lot) => n + lot.coins, 0)
    wallet.ledger.push({
      id: nextEntryId++,
      type: entry.type,
      account: entry.account,
      amount: entry.amount,
      balanceAfter,
      reference: entry.reference ?? null,
      memo: entry.memo ?? null,
      createdAt: new Date().toISOString(),
    })
  }

  /** The order as OrderTransformer.forViewer shows it. */
  function viewOrder(o: ApiOrder) {
    return {
      id: o.id,
      orderNo: o.orderNo,
      kind: o.kind,
      itemId: o.itemId,
      amountFen: o.amountFen,
      coins: o.coins,
      bonusCoins: o.bonusCoins,
      provider: o.provider,
      platform: o.platform,
      state: o.state,
      expiresAt: o.expiresAt,
      paidAt: o.paidAt,
      createdAt: o.createdAt,
    }
  }

  /** What a verified provider callback does: credits a pending order once, or closes it. */
  function settle(order: ApiOrder, state: 'paid' | 'closed') {
    if (order.state !== 'pending' && !(order.state === 'closed' && state === 'paid')) return
    if (state === 'closed') {
      order.state = 'closed'
      return
    }
    const wallet = walletOf(order.userId)
    const reference = { type: 'order', id: order.orderNo }
    wallet.paid += order.coins
    record(order.userId, { type: 'recharge', account: 'paid', amount: order.coins, reference })
    if (order.bonusCoins > 0) {
      wallet.lots.push({ coins: order.bonusCoins, expiresAt: new Date(Date.now() + order.bonusExpiresDays * 86_400_000).toISOString() })
      record(order.userId, { type: 'recharge', account: 'bonus', amount: order.bonusCoins, reference })
    }
    order.state = 'paid'
    order.paidAt = new Date().toISOString()
  }

  function handlePayments(request: RecordedRequest, body: Record<string, unknown>, user: ApiUser | null): Reply | null {
    const key = `${request.method} ${request.path}`
    const params = new URLSearchParams(request.query)

    if (key === 'GET /api/v1/payments/providers') {
      const platform = params.get('platform') ?? ''
      if (!PLATFORMS.includes(platform)) return invalid('platform', 'The selected platform is invalid', 'enum')
      return { status: 200, body: { data: (PLATFORM_PROVIDERS[platform] ?? []).filter((name) => providers.has(name)) } }
    }

    if (key === 'GET /api/v1/recharge-packages') {
      const platform = params.get('platform') ?? ''
      if (!PLATFORMS.includes(platform)) return invalid('platform', 'The selected platform is invalid', 'enum')
      const data = packages.filter((pkg) => pkg.platforms.includes(platform)).map(({ platforms: _platforms, ...pkg }) => pkg)
      return { status: 200, body: { data } }
    }

    if (key === 'GET /api/v1/wallet') return user ? { status: 200, body: summary(walletOf(user.id)) } : unauthenticated()

    if (key === 'GET /api/v1/wallet/ledger') {
      if (!user) return unauthenticated()
      const limit = Number(params.get('limit') ?? 20)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'Between 1 and 100', 'range')
      const cursorText = params.get('cursor')
      const cursor = cursorText === null ? null : Number(cursorText)
      if (cursor !== null && (!Number.isInteger(cursor) || cursor < 1)) return invalid('cursor', 'A positive number', 'positive')
      const rows = [...walletOf(user.id).ledger].reverse().filter((entry) => cursor === null || entry.id < cursor)
      const data = rows.slice(0, limit)
      return { status: 200, body: { data, nextCursor: rows.length > limit ? String(data[data.length - 1]?.id) : null } }
    }

    if (key === 'POST /api/v1/orders') {
      if (!user) return unauthenticated()
      const { kind, itemId, provider, platform } = body
      if (kind !== 'recharge') return invalid('kind', 'The selected kind is invalid', 'enum')
      if (typeof itemId !== 'number' || !Number.isInteger(itemId) || itemId < 1) return invalid('itemId', 'A positive number', 'positive')
      if (typeof provider !== 'string' || !['sandbox', 'wechatpay', 'alipay', 'apple'].includes(provider)) return invalid('provider', 'The selected provider is invalid', 'enum')
      if (typeof platform !== 'string' || !PLATFORMS.includes(platform)) return invalid('platform', 'The selected platform is invalid', 'enum')
      if (!providers.has(provider)) return error(404, 'PROVIDER_UNAVAILABLE', `Payment provider "${provider}" is not available here`)
      const pkg = packages.find((p) => p.id === itemId && p.platforms.includes(platform))
      if (!pkg) return error(404, 'NOT_FOUND', 'No such recharge package on this platform')
      const mine = [...orders.values()].filter((o) => o.userId === user.id)
      if (mine.filter((o) => o.state === 'pending').length >= 5) {
        return error(429, 'RATE_LIMITED', 'Too many unpaid orders; finish or wait for the pending ones', { retryAfter: 3600 })
      }
      const first = !mine.some((o) => o.state === 'paid' || o.state === 'refunded')
      if (provider === 'wechatpay' && platform === 'mp-weixin' && !user.wechatBound) {
        return error(502, 'PAYMENT_PROVIDER_ERROR', 'The viewer has no WeChat openid', { provider: 'wechatpay', code: 'NO_OPENID' })
      }
      const now = new Date()
      const orderNo = `DJ${now.toISOString().replace(/\D/g, '').slice(0, 14)}${String(nextOrder++).padStart(8, '0')}`
      const order: ApiOrder = {
        id: orderNo,
        orderNo,
        kind: 'recharge',
        itemId: String(pkg.id),
        amountFen: pkg.priceFen,
        coins: pkg.coins,
        bonusCoins: pkg.bonusCoins + (first ? pkg.firstRechargeBonus : 0),
        provider,
        platform,
        state: 'pending',
        expiresAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
        paidAt: null,
        createdAt: now.toISOString(),
        userId: user.id,
        bonusExpiresDays: pkg.bonusExpiresDays,
      }
      orders.set(orderNo, order)
      const app = platform === 'app-android' || platform === 'app-ios'
      const payment =
        provider === 'sandbox'
          ? { provider: 'sandbox', orderNo, amountFen: order.amountFen, confirmPath: `/api/v1/payments/sandbox/orders/${orderNo}/confirm` }
          : provider === 'alipay'
            ? app
              ? { orderInfo: `app_id=2021000000000000&method=alipay.trade.app.pay&out_trade_no=${orderNo}&sign=c2lnbmF0dXJl` }
              : { payUrl: `https://openapi.alipay.com/gateway.do?method=alipay.trade.wap.pay&out_trade_no=${orderNo}&sign=c2lnbmF0dXJl` }
            : provider === 'apple'
              ? { productId: `com.duanju.coins.${pkg.coins}`, appAccountToken: '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f', orderNo }
              : platform === 'mp-weixin'
            ? { appId: 'wx-test-app', timeStamp: String(Math.floor(now.getTime() / 1000)), nonceStr: 'n0nce', package: `prepay_id=wx${orderNo}`, signType: 'RSA', paySign: 'c2lnbmF0dXJl' }
            : { appid: 'wx-test-app', partnerid: '1900000109', prepayid: `wx${orderNo}`, package: 'Sign=WXPay', noncestr: 'n0nce', timestamp: String(Math.floor(now.getTime() / 1000)), sign: 'c2lnbmF0dXJl' }
      return { status: 201, body: { order: viewOrder(order), payment } }
    }

    const orderMatch = request.path.match(/^\/api\/v1\/orders\/([^/]+)$/)
    if (request.method === 'GET' && orderMatch) {
      if (!user) return unauthenticated()
      const order = orders.get(decodeURIComponent(orderMatch[1] ?? ''))
      return order && order.userId === user.id ? { status: 200, body: { order: viewOrder(order) } } : error(404, 'NOT_FOUND', 'No such order')
    }

    const confirmMatch = request.path.match(/^\/api\/v1\/payments\/sandbox\/orders\/([^/]+)\/confirm$/)
    if (request.method === 'POST' && confirmMatch) {
      if (!user) return unauthenticated()
      if (!providers.has('sandbox')) return error(404, 'PROVIDER_UNAVAILABLE', 'Payment provider "sandbox" is not available here')
      const { result } = body
      if (result !== 'paid' && result !== 'closed') return invalid('result', 'The selected result is invalid', 'enum')
      const order = orders.get(decodeURIComponent(confirmMatch[1] ?? ''))
      if (!order || order.userId !== user.id || order.provider !== 'sandbox') return error(404, 'NOT_FOUND', 'No such sandbox order')
      settle(order, result)
      return { status: 200, body: { order: viewOrder(order) } }
    }

    return null
  }

  const published = () => catalog.dramas.filter((d) => d.state === 'published')

  function card(drama: ApiDrama) {
    return {
      id: drama.id,
      title: drama.title,
      coverUrl: drama.coverUrl,
      tags: drama.tags,
      status: drama.status,
      plannedEpisodes: drama.plannedEpisodes,
      rating: drama.rating / 10,
      editorPick: drama.editorPick,
      isSponsored: drama.isSponsored,
      categories: drama.categoryIds
        .map((id) => catalog.categories.find((c) => c.id === id))
        .filter((c): c is ApiCategory => Boolean(c))
        .map(({ id, name, slug }) => ({ id, name, slug })),
    }
  }

  function detail(drama: ApiDrama, viewer: ApiUser | null) {
    const granted = viewer ? grants.get(viewer.id) : undefined
    return {
      ...card(drama),
      synopsis: drama.synopsis,
      bannerUrl: drama.bannerUrl,
      cast: drama.cast,
      region: '中国大陆',
      language: 'zh',
      freeEpisodes: drama.freeEpisodes,
      episodePriceCoins: drama.episodePriceCoins,
      seriesPriceCoins: Math.round(drama.episodePriceCoins * drama.plannedEpisodes * 0.6),
      publishedAt: drama.publishedAt,
      episodes: drama.episodes.map((e) => {
        const free = e.isFree ?? e.number <= drama.freeEpisodes
        const access = free ? 'free' : (granted?.get(e.id) ?? 'locked')
        return { id: e.id, number: e.number, title: e.title, durationSec: e.durationSec, access, priceCoins: access === 'free' ? 0 : (e.priceCoins ?? drama.episodePriceCoins) }
      }),
    }
  }

  function page<T>(rows: T[], params: URLSearchParams): Reply {
    const limitText = params.get('limit')
    const limit = limitText === null ? 20 : Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'Between 1 and 100', 'range')
    const offset = pageCursor.decode(params.get('cursor'))
    if (offset === null) return invalid('cursor', 'Invalid cursor', 'cursor')
    return {
      status: 200,
      body: { data: rows.slice(offset, offset + limit), nextCursor: rows.length > offset + limit ? pageCursor.encode(offset + limit) : null },
    }
  }

  const byHot = (a: ApiDrama, b: ApiDrama) => b.hotScore - a.hotScore || b.id - a.id

  function handleCatalog(path: string, params: URLSearchParams, viewer: ApiUser | null): Reply | null {
    if (path === '/api/v1/categories') return { status: 200, body: { data: catalog.categories } }

    if (path === '/api/v1/dramas') {
      const sort = params.get('sort') ?? 'hot'
      if (!['hot', 'new', 'rating'].includes(sort)) return invalid('sort', 'Unknown sort', 'enum')
      const status = params.get('status')
      if (status !== null && !['ongoing', 'completed'].includes(status)) return invalid('status', 'Unknown status', 'enum')
      const category = params.get('category')
      const tag = params.get('tag')
      const rows = published()
        .filter((d) => !category || d.categoryIds.some((id) => String(id) === category || catalog.categories.find((c) => c.id === id)?.slug === category))
        .filter((d) => !status || d.status === status)
        .filter((d) => !tag || d.tags.includes(tag))
        .sort(sort === 'new' ? (a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id : sort === 'rating' ? (a, b) => b.rating - a.rating || b.id - a.id : byHot)
      return page(rows.map(card), params)
    }

    const dramaMatch = path.match(/^\/api\/v1\/dramas\/([^/]+)$/)
    if (dramaMatch) {
      const drama = published().find((d) => String(d.id) === dramaMatch[1])
      return drama ? { status: 200, body: detail(drama, viewer) } : error(404, 'NOT_FOUND', 'No such drama')
    }

    const boardMatch = path.match(/^\/api\/v1\/rankings\/([^/]+)$/)
    if (boardMatch) {
      const board = boardMatch[1] ?? ''
      if (!['hot', 'new', 'completed', 'rising'].includes(board)) return invalid('board', 'Unknown board', 'enum')
      const limit = Number(params.get('limit') ?? 100)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'Between 1 and 100', 'range')
      const rows =
        board === 'hot'
          ? published().sort(byHot)
          : board === 'completed'
            ? published().filter((d) => d.status === 'completed').sort(byHot)
            : board === 'new'
              ? published().sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
              : []
      return {
        status: 200,
        body: { board, source: 'database', data: rows.slice(0, limit).map((d, i) => ({ rank: i + 1, score: d.hotScore, drama: card(d) })) },
      }
    }

    if (path === '/api/v1/search') {
      const q = (params.get('q') ?? '').trim().toLowerCase()
      if (q.length < 1 || q.length > 50) return invalid('q', 'Between 1 and 50 characters', q.length < 1 ? 'minLength' : 'maxLength')
      const rank = (d: ApiDrama) => (d.title.toLowerCase() === q ? 0 : d.title.toLowerCase().startsWith(q) ? 1 : 2)
      const rows = published()
        .filter((d) => [d.title, ...d.tags, ...d.cast.map((c) => c.name)].some((text) => text.toLowerCase().includes(q)))
        .sort((a, b) => rank(a) - rank(b) || byHot(a, b))
      return page(rows.map(card), params)
    }

    return null
  }

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      }
      requests.push(request)
      const reply = handle(request)
      const headers = { ...reply.headers }
      if (reply.raw !== undefined) {
        res.writeHead(reply.status, { ...headers, 'content-type': 'text/plain' }).end(reply.raw)
      } else if (reply.body === undefined) {
        res.writeHead(reply.status, headers).end()
      } else {
        res.writeHead(reply.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    requests,
    /** Requests to one method + path, in order. */
    callsTo: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
    route: (key: string, handler: (request: RecordedRequest) => Reply) => void routes.set(key, handler),
    /** The login code last "texted" to a number (E.164). */
    smsCode: (phone: string) => codes.get(phone)?.code,
    /** Pretends the last code for `phone` was sent `seconds` ago. */
    ageSmsCode: (phone: string, seconds: number) => {
      const sent = codes.get(phone)
      if (sent) sent.sentAt -= seconds * 1000
    },
    /** The user a token belongs to, if it is still valid. */
    userFor: (token: string | null) => (token ? tokens.get(token) : undefined),
    /** Simulates expired or revoked tokens: every issued token stops working. */
    revokeTokens: () => tokens.clear(),
    /** The catalog the stand-in serves; tests add or change dramas in place. */
    catalog,
    /** Gives the viewer behind `token` an episode, as the unlocks or membership module would. */
    grantEpisode: (token: string, episodeId: number, access: 'unlocked' | 'vip') => {
      const user = tokens.get(token)
      if (!user) throw new Error('grantEpisode: unknown token')
      const granted = grants.get(user.id) ?? new Map<number, 'unlocked' | 'vip'>()
      granted.set(episodeId, access)
      grants.set(user.id, granted)
    },
    /** The recharge packages the stand-in offers; tests change them in place. */
    packages,
    /** Payment providers the stand-in runs; tests remove 'sandbox' to play a production API. */
    providers,
    orders,
    /** What a provider's verified callback would do to the order: pay (credit) or close it. */
    settleOrder: (orderNo: string, state: 'paid' | 'closed') => {
      const order = orders.get(orderNo)
      if (!order) throw new Error(`settleOrder: unknown order ${orderNo}`)
      settle(order, state)
    },
    /** Credits coins as a finance grant would (ledger type `grant`), for the viewer behind `token`. */
    grantCoins: (token: string, coins: { paid?: number; bonus?: { coins: number; expiresAt: string }[]; memo?: string }) => {
      const user = tokens.get(token)
      if (!user) throw new Error('grantCoins: unknown token')
      const wallet = walletOf(user.id)
      if (coins.paid) {
        wallet.paid += coins.paid
        record(user.id, { type: 'grant', account: 'paid', amount: coins.paid, memo: coins.memo })
      }
      for (const lot of coins.bonus ?? []) {
        wallet.lots.push({ ...lot })
        record(user.id, { type: 'grant', account: 'bonus', amount: lot.coins, memo: coins.memo })
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type ApiServer = Awaited<ReturnType<typeof startApiServer>>
