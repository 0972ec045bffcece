import type { ServerResponse } from 'node:http'
import type { Account } from './api-server'

/**
 * The finance endpoints of the admin API (docs/api.md, "Wallet" and "Payments"): orders
 * (page-numbered list, detail with callbacks, refund), a viewer's wallet and ledger (keyset
 * "load more"), grants and deductions keyed by Idempotency-Key, and recharge packages. In memory,
 * with the real server's permission checks, validation shapes, conflict codes and coin rules
 * (bonus lots spent first, earliest expiry first; a refund takes back what is left).
 */

export interface TestOrder {
  id: string
  orderNo: string
  kind: 'recharge'
  itemId: string
  userId: number
  packageName: string
  amountFen: number
  coins: number
  bonusCoins: number
  provider: string
  platform: string
  state: 'pending' | 'paid' | 'closed' | 'refunded'
  providerTxnId: string | null
  creditTransferId: number | null
  ip: string | null
  expiresAt: string
  paidAt: string | null
  closedAt: string | null
  refundedAt: string | null
  refundReason: string | null
  createdAt: string
}

export interface TestCallback {
  id: number
  orderNo: string
  verified: boolean
  outcome: string
  createdAt: string
}

export interface TestLot {
  id: number
  userId: number
  transferId: number
  granted: number
  remaining: number
  expiresAt: string
}

export interface TestLedgerEntry {
  id: number
  userId: number
  transferId: number
  type: string
  account: 'paid' | 'bonus'
  amount: number
  balanceAfter: number
  reference: { type: string; id: string } | null
  memo: string | null
  createdAt: string
}

export interface TestPackage {
  id: number
  name: string
  priceFen: number
  coins: number
  bonusCoins: number
  bonusExpiresDays: number
  firstRechargeBonus: number
  platforms: string[]
  badge: string | null
  appleProductId: string | null
  sort: number
  isActive: boolean
  startsAt: string | null
  endsAt: string | null
}

export interface FinanceData {
  orders: TestOrder[]
  callbacks: TestCallback[]
  /** Paid-coin balance per viewer. */
  paid: Map<number, number>
  lots: TestLot[]
  entries: TestLedgerEntry[]
  packages: TestPackage[]
  /** Applied grants and deductions by `grant:<key>` / `deduct:<key>`, to answer a repeat as a duplicate. */
  applied: Map<string, number>
  /** Providers whose refund API fails (502 PAYMENT_PROVIDER_ERROR). */
  failingProviders: Set<string>
  /** How many of the next grants/deductions are applied but answered 500, as if the answer got lost. */
  lostAnswers: number
  nextTransferId: number
}

export interface FinanceContext {
  method: string
  url: URL
  body: unknown
  headers: Record<string, string | string[] | undefined>
  signedIn: Account | undefined
  data: FinanceData
  res: ServerResponse
  permissionsOf: (account: Account) => string[]
  viewerExists: (id: number) => boolean
  audit: (actor: Account, action: string, target: { type: string; id: number | string }, before: unknown, after: unknown) => void
}

interface FieldError {
  field: string
  rule: string
  message: string
}

const PLATFORMS = ['app-android', 'app-ios', 'h5', 'mp-weixin']
const ORDER_STATES = ['pending', 'paid', 'closed', 'refunded']

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
  return true
}

function fail(res: ServerResponse, status: number, code: string, message: string, details?: unknown): true {
  return send(res, status, { error: details === undefined ? { code, message } : { code, message, details } })
}

function invalid(res: ServerResponse, fields: FieldError[]): true {
  return fail(res, 422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields })
}

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** `?name=` as VineJS reads a number from a query string: digits (with an optional sign), else an error. */
function queryNumber(url: URL, name: string, min: number, max: number, fields: FieldError[]): number | undefined {
  const text = url.searchParams.get(name)
  if (text === null || text === '') return undefined
  const value = Number(text)
  if (!/^-?\d+$/.test(text)) {
    fields.push({ field: name, rule: 'number', message: `The ${name} field must be a number` })
    return undefined
  }
  if (value < min || value > max) {
    fields.push({ field: name, rule: 'range', message: `The ${name} field must be between ${min} and ${max}` })
    return undefined
  }
  return value
}

function checkReason(value: unknown, fields: FieldError[]): string {
  const reason = typeof value === 'string' ? value.trim() : ''
  if (reason.length < 2) fields.push({ field: 'reason', rule: 'minLength', message: 'The reason field must have at least 2 characters' })
  else if (reason.length > 200) fields.push({ field: 'reason', rule: 'maxLength', message: 'The reason field must not be greater than 200 characters' })
  return reason
}

export function seedFinanceData(): FinanceData {
  const data: FinanceData = {
    orders: [],
    callbacks: [],
    paid: new Map(),
    lots: [],
    entries: [],
    packages: [
      ['600金币', 600, 600, 0, 300, '首充翻倍'],
      ['1800金币', 1800, 1800, 200, 0, null],
      ['5000金币', 4800, 5000, 1000, 0, '超值'],
    ].map(([name, priceFen, coins, bonusCoins, firstRechargeBonus, badge], index) => ({
      id: index + 1,
      name: name as string,
      priceFen: priceFen as number,
      coins: coins as number,
      bonusCoins: bonusCoins as number,
      bonusExpiresDays: 30,
      firstRechargeBonus: firstRechargeBonus as number,
      platforms: [...PLATFORMS],
      badge: badge as string | null,
      appleProductId: null,
      sort: index,
      isActive: true,
      startsAt: null,
      endsAt: null,
    })),
    applied: new Map(),
    failingProviders: new Set(),
    lostAnswers: 0,
    nextTransferId: 1,
  }
  // Oldest first, so the list (newest first) starts with the last one.
  const seeds: [number, string, string, TestOrder['state'], number][] = [
    [1, 'sandbox', 'h5', 'paid', 1],
    [2, 'wechatpay', 'mp-weixin', 'closed', 2],
    [1, 'alipay', 'app-android', 'paid', 2],
    [2, 'apple', 'app-ios', 'paid', 3],
    [3, 'sandbox', 'h5', 'pending', 1],
  ]
  seeds.forEach(([userId, provider, platform, state, packageId], index) => {
    const pkg = data.packages[packageId - 1]!
    const created = `2026-11-2${index}T08:00:00.000Z`
    const orderNo = `DJ2026112${index}0800000000000${index + 1}`
    const order: TestOrder = {
      id: orderNo,
      orderNo,
      kind: 'recharge',
      itemId: String(pkg.id),
      userId,
      packageName: pkg.name,
      amountFen: pkg.priceFen,
      coins: pkg.coins,
      bonusCoins: pkg.bonusCoins + (index === 0 ? pkg.firstRechargeBonus : 0),
      provider,
      platform,
      state,
      providerTxnId: null,
      creditTransferId: null,
      ip: '127.0.0.1',
      expiresAt: `2026-11-2${index}T08:15:00.000Z`,
      paidAt: null,
      closedAt: state === 'closed' ? `2026-11-2${index}T08:15:00.000Z` : null,
      refundedAt: null,
      refundReason: null,
      createdAt: created,
    }
    data.orders.push(order)
    if (state === 'paid') {
      order.paidAt = `2026-11-2${index}T08:01:00.000Z`
      order.providerTxnId = `${provider}-${orderNo}`
      order.creditTransferId = credit(data, userId, 'recharge', order.coins, order.bonusCoins, 30, { type: 'order', id: orderNo }, null, order.paidAt)
      data.callbacks.push({ id: data.callbacks.length + 1, orderNo, verified: true, outcome: 'paid', createdAt: order.paidAt })
    }
    if (state === 'closed') {
      data.callbacks.push({ id: data.callbacks.length + 1, orderNo, verified: false, outcome: 'rejected: bad signature', createdAt: created })
      data.callbacks.push({ id: data.callbacks.length + 1, orderNo, verified: true, outcome: 'closed', createdAt: order.closedAt! })
    }
  })
  return data
}

function balances(data: FinanceData, userId: number) {
  const now = Date.now()
  const lots = data.lots
    .filter((lot) => lot.userId === userId && lot.remaining > 0 && Date.parse(lot.expiresAt) > now)
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.id - b.id)
  return { paid: data.paid.get(userId) ?? 0, lots }
}

function walletOf(data: FinanceData, userId: number) {
  const { paid, lots } = balances(data, userId)
  return {
    paidCoins: paid,
    bonusCoins: lots.reduce((sum, lot) => sum + lot.remaining, 0),
    bonusExpiring: lots.map((lot) => ({ coins: lot.remaining, expiresAt: lot.expiresAt })),
  }
}

function entry(
  data: FinanceData,
  userId: number,
  transferId: number,
  type: string,
  account: 'paid' | 'bonus',
  amount: number,
  reference: TestLedgerEntry['reference'],
  memo: string | null,
  createdAt: string,
): void {
  const wallet = walletOf(data, userId)
  data.entries.push({
    id: data.entries.length + 1,
    userId,
    transferId,
    type,
    account,
    amount,
    balanceAfter: account === 'paid' ? wallet.paidCoins : wallet.bonusCoins,
    reference,
    memo,
    createdAt,
  })
}

/** Credits paid coins and one bonus lot as one transfer; answers the transfer id. */
function credit(
  data: FinanceData,
  userId: number,
  type: string,
  paid: number,
  bonus: number,
  bonusDays: number,
  reference: TestLedgerEntry['reference'],
  memo: string | null,
  at = new Date().toISOString(),
): number {
  const transferId = data.nextTransferId++
  if (paid > 0) {
    data.paid.set(userId, (data.paid.get(userId) ?? 0) + paid)
    entry(data, userId, transferId, type, 'paid', paid, reference, memo, at)
  }
  if (bonus > 0) {
    const expiresAt = new Date(Math.max(Date.parse(at), Date.now()) + bonusDays * 86_400_000).toISOString()
    data.lots.push({ id: data.lots.length + 1, userId, transferId, granted: bonus, remaining: bonus, expiresAt })
    entry(data, userId, transferId, type, 'bonus', bonus, reference, memo, at)
  }
  return transferId
}

/** Takes `amount` coins, bonus first (earliest expiry first), then paid. */
function spend(data: FinanceData, userId: number, type: string, amount: number, reference: TestLedgerEntry['reference'], memo: string | null): number {
  const transferId = data.nextTransferId++
  const at = new Date().toISOString()
  let left = amount
  let fromBonus = 0
  for (const lot of balances(data, userId).lots) {
    const take = Math.min(lot.remaining, left)
    lot.remaining -= take
    fromBonus += take
    left -= take
    if (left === 0) break
  }
  if (fromBonus > 0) entry(data, userId, transferId, type, 'bonus', -fromBonus, reference, memo, at)
  if (left > 0) {
    data.paid.set(userId, (data.paid.get(userId) ?? 0) - left)
    entry(data, userId, transferId, type, 'paid', -left, reference, memo, at)
  }
  return transferId
}

function ordersRoutes(ctx: FinanceContext, actor: Account, path: string): boolean {
  const { res, url, data } = ctx
  if (ctx.method === 'GET' && path === '/admin/v1/orders') {
    const fields: FieldError[] = []
    const state = url.searchParams.get('state')
    if (state !== null && !ORDER_STATES.includes(state)) fields.push({ field: 'state', rule: 'enum', message: 'The selected state is invalid' })
    const userId = queryNumber(url, 'userId', 1, Number.MAX_SAFE_INTEGER, fields)
    const page = queryNumber(url, 'page', 1, 10_000, fields) ?? 1
    const limit = queryNumber(url, 'limit', 1, 100, fields) ?? 20
    if (fields.length > 0) return invalid(res, fields)
    const provider = url.searchParams.get('provider')?.trim()
    const orderNo = url.searchParams.get('orderNo')?.trim()
    const rows = [...data.orders]
      .reverse()
      .filter(
        (order) =>
          (state === null || order.state === state) &&
          (!provider || order.provider === provider) &&
          (userId === undefined || order.userId === userId) &&
          (!orderNo || order.orderNo === orderNo),
      )
    const lastPage = Math.max(1, Math.ceil(rows.length / limit))
    return send(res, 200, { data: rows.slice((page - 1) * limit, page * limit), meta: { total: rows.length, page, lastPage, limit } })
  }

  const match = /^\/admin\/v1\/orders\/([^/]+)(\/refund)?$/.exec(path)
  if (!match) return false
  const refund = match[2] !== undefined
  if (refund && !ctx.permissionsOf(actor).includes('finance.manage')) {
    return fail(res, 403, 'FORBIDDEN', 'You are not allowed to do this', { permission: 'finance.manage' })
  }
  const order = data.orders.find((candidate) => candidate.orderNo === decodeURIComponent(match[1] ?? ''))
  if (!order) return fail(res, 404, 'NOT_FOUND', 'No such order')
  if (ctx.method === 'GET' && !refund) {
    const callbacks = data.callbacks.filter((callback) => callback.orderNo === order.orderNo).map(({ orderNo: _orderNo, ...callback }) => callback)
    const ledger =
      order.state === 'paid' || order.state === 'refunded'
        ? [
            { id: 1, transferId: 1, type: 'recharge', account: `user:${order.userId}:paid`, amount: order.coins, balanceAfter: order.coins, createdAt: order.paidAt },
            { id: 2, transferId: 1, type: 'recharge', account: 'platform:payments', amount: -order.coins, balanceAfter: -order.coins, createdAt: order.paidAt },
          ]
        : []
    return send(res, 200, { order, callbacks, ledger })
  }
  if (ctx.method !== 'POST' || !refund) return false
  const input = record(ctx.body)
  const fields: FieldError[] = []
  const reason = checkReason(input.reason, fields)
  if (input.force !== undefined && typeof input.force !== 'boolean') fields.push({ field: 'force', rule: 'boolean', message: 'The value must be a boolean' })
  if (fields.length > 0) return invalid(res, fields)
  if (order.state !== 'paid') return fail(res, 409, 'ORDER_NOT_REFUNDABLE', `A ${order.state} order cannot be refunded`)

  const { paid } = balances(data, order.userId)
  const lots = data.lots.filter((lot) => lot.transferId === order.creditTransferId)
  const credited = order.coins + lots.reduce((sum, lot) => sum + lot.granted, 0)
  const recoverable = Math.min(order.coins, paid) + lots.reduce((sum, lot) => sum + lot.remaining, 0)
  if (recoverable < credited && input.force !== true) {
    return fail(res, 409, 'COINS_ALREADY_SPENT', 'The viewer has already spent coins from this purchase', { credited, recoverable })
  }
  if (order.provider === 'apple') return fail(res, 409, 'REFUND_NOT_SUPPORTED', 'Apple refunds App Store purchases itself')
  if (data.failingProviders.has(order.provider)) {
    return fail(res, 502, 'PAYMENT_PROVIDER_ERROR', 'The payment provider refused the refund', { provider: order.provider })
  }

  const transferId = data.nextTransferId++
  const at = new Date().toISOString()
  const reference = { type: 'order', id: order.orderNo }
  const paidBack = Math.min(order.coins, paid)
  const bonusBack = lots.reduce((sum, lot) => sum + lot.remaining, 0)
  for (const lot of lots) lot.remaining = 0
  if (bonusBack > 0) entry(data, order.userId, transferId, 'refund', 'bonus', -bonusBack, reference, reason, at)
  if (paidBack > 0) {
    data.paid.set(order.userId, paid - paidBack)
    entry(data, order.userId, transferId, 'refund', 'paid', -paidBack, reference, reason, at)
  }
  Object.assign(order, { state: 'refunded', refundedAt: at, refundReason: reason })
  const recovered = paidBack + bonusBack
  ctx.audit(actor, 'payments.refund', { type: 'order', id: order.orderNo }, { state: 'paid' }, { state: 'refunded', reason, recovered })
  return send(res, 200, { order, recovered, shortfall: credited - recovered })
}

function walletRoutes(ctx: FinanceContext, actor: Account, path: string): boolean {
  const { res, url, data } = ctx
  const match = /^\/admin\/v1\/users\/([^/]+)\/(wallet|coins\/grant|coins\/deduct)$/.exec(path)
  if (!match) return false
  const userId = Number(match[1])
  if (!Number.isSafeInteger(userId) || userId <= 0 || !ctx.viewerExists(userId)) return fail(res, 404, 'NOT_FOUND', 'No such user')
  const action = match[2]

  if (action === 'wallet' && ctx.method === 'GET') {
    const fields: FieldError[] = []
    const limit = queryNumber(url, 'limit', 1, 100, fields) ?? 20
    const cursor = queryNumber(url, 'cursor', 1, Number.MAX_SAFE_INTEGER, fields)
    if (fields.length > 0) return invalid(res, fields)
    const rows = data.entries
      .filter((row) => row.userId === userId && (cursor === undefined || row.id < cursor))
      .sort((a, b) => b.id - a.id)
    const page = rows.slice(0, limit).map(({ userId: _userId, transferId: _transferId, ...row }) => row)
    return send(res, 200, { wallet: walletOf(data, userId), ledger: { data: page, nextCursor: rows.length > limit ? String(page.at(-1)?.id) : null } })
  }
  if (ctx.method !== 'POST' || action === 'wallet') return false

  const input = record(ctx.body)
  const fields: FieldError[] = []
  const headerKey = ctx.headers['idempotency-key']
  const key = `${action === 'coins/grant' ? 'grant' : 'deduct'}:${typeof headerKey === 'string' ? headerKey : String(Math.random())}`
  const reference = { type: 'admin', id: String(actor.id) }
  const answer = (body: unknown): true => {
    if (data.lostAnswers <= 0) return send(res, 200, body)
    data.lostAnswers--
    return fail(res, 500, 'INTERNAL_ERROR', 'Something went wrong')
  }

  if (action === 'coins/grant') {
    for (const name of ['paid', 'bonus']) {
      if (input[name] !== undefined && !wholeIn(input[name], 1, 10_000_000)) {
        fields.push({ field: name, rule: 'range', message: `The ${name} field must be between 1 and 10000000` })
      }
    }
    if (input.bonusExpiresInDays !== undefined && !wholeIn(input.bonusExpiresInDays, 1, 3650)) {
      fields.push({ field: 'bonusExpiresInDays', rule: 'range', message: 'The bonusExpiresInDays field must be between 1 and 3650' })
    }
    const reason = checkReason(input.reason, fields)
    if (fields.length > 0) return invalid(res, fields)
    if (!input.paid && !input.bonus) return invalid(res, [{ field: 'paid', rule: 'required', message: 'Grant paid coins, bonus coins or both' }])
    const repeated = data.applied.get(key)
    if (repeated !== undefined) return send(res, 200, { transferId: repeated, duplicate: true, wallet: walletOf(data, userId) })
    const transferId = credit(data, userId, 'grant', (input.paid as number | undefined) ?? 0, (input.bonus as number | undefined) ?? 0, (input.bonusExpiresInDays as number | undefined) ?? 30, reference, reason)
    data.applied.set(key, transferId)
    ctx.audit(actor, 'coins.grant', { type: 'user', id: userId }, null, { ...input, transferId })
    return answer({ transferId, duplicate: false, wallet: walletOf(data, userId) })
  }

  if (!wholeIn(input.amount, 1, 10_000_000)) fields.push({ field: 'amount', rule: 'range', message: 'The amount field must be between 1 and 10000000' })
  const reason = checkReason(input.reason, fields)
  if (fields.length > 0) return invalid(res, fields)
  const repeated = data.applied.get(key)
  if (repeated !== undefined) return send(res, 200, { transferId: repeated, duplicate: true, wallet: walletOf(data, userId) })
  const wallet = walletOf(data, userId)
  const available = wallet.paidCoins + wallet.bonusCoins
  const amount = input.amount as number
  if (amount > available) return fail(res, 402, 'INSUFFICIENT_COINS', 'Not enough coins', { required: amount, available })
  const transferId = spend(data, userId, 'deduct', amount, reference, reason)
  data.applied.set(key, transferId)
  ctx.audit(actor, 'coins.deduct', { type: 'user', id: userId }, null, { ...input, transferId })
  return answer({ transferId, duplicate: false, wallet: walletOf(data, userId) })
}

function packagesRoutes(ctx: FinanceContext, path: string): boolean {
  const { res, data } = ctx
  const input = record(ctx.body)
  const check = (creating: boolean): FieldError[] => {
    const fields: FieldError[] = []
    const present = (key: string) => creating || input[key] !== undefined
    const name = input.name
    if (present('name') && (typeof name !== 'string' || name.trim() === '' || name.trim().length > 64)) {
      fields.push({ field: 'name', rule: 'required', message: 'The name field must be defined' })
    }
    if (present('priceFen') && !wholeIn(input.priceFen, 1, 10_000_000)) {
      fields.push({ field: 'priceFen', rule: 'range', message: 'The priceFen field must be between 1 and 10000000' })
    }
    for (const key of ['coins', 'bonusCoins', 'firstRechargeBonus']) {
      if ((key === 'coins' ? present(key) : input[key] !== undefined) && !wholeIn(input[key], 0, 10_000_000)) {
        fields.push({ field: key, rule: 'range', message: `The ${key} field must be between 0 and 10000000` })
      }
    }
    if (input.bonusExpiresDays !== undefined && !wholeIn(input.bonusExpiresDays, 1, 3650)) {
      fields.push({ field: 'bonusExpiresDays', rule: 'range', message: 'The bonusExpiresDays field must be between 1 and 3650' })
    }
    const platforms = input.platforms
    if (present('platforms')) {
      if (!Array.isArray(platforms) || platforms.length === 0) {
        fields.push({ field: 'platforms', rule: 'array.minLength', message: 'The platforms field must have at least 1 items' })
      } else if (platforms.some((platform) => !PLATFORMS.includes(platform as string)) || new Set(platforms).size !== platforms.length) {
        fields.push({ field: 'platforms', rule: 'distinct', message: 'The platforms field has an invalid or repeated platform' })
      }
    }
    for (const [key, max] of [['badge', 16], ['appleProductId', 100]] as const) {
      const value = input[key]
      if (value !== undefined && value !== null && (typeof value !== 'string' || value.trim().length > max)) {
        fields.push({ field: key, rule: 'maxLength', message: `The ${key} field must not be greater than ${max} characters` })
      }
    }
    if (input.sort !== undefined && !wholeIn(input.sort, -10_000, 10_000)) {
      fields.push({ field: 'sort', rule: 'range', message: 'The sort field must be between -10000 and 10000' })
    }
    if (input.isActive !== undefined && typeof input.isActive !== 'boolean') {
      fields.push({ field: 'isActive', rule: 'boolean', message: 'The value must be a boolean' })
    }
    return fields
  }
  const apply = (pkg: TestPackage) => {
    for (const [key, value] of Object.entries(input)) {
      if (!(key in pkg) || key === 'id') continue
      Object.assign(pkg, { [key]: typeof value === 'string' ? value.trim() : value })
    }
  }
  const ordered = () => [...data.packages].sort((a, b) => a.sort - b.sort || a.id - b.id)

  if (path === '/admin/v1/recharge-packages' && ctx.method === 'GET') return send(res, 200, { data: ordered() })
  if (path === '/admin/v1/recharge-packages' && ctx.method === 'POST') {
    const fields = check(true)
    if (fields.length > 0) return invalid(res, fields)
    const pkg: TestPackage = {
      id: data.packages.reduce((max, row) => Math.max(max, row.id), 0) + 1,
      name: '',
      priceFen: 0,
      coins: 0,
      bonusCoins: 0,
      bonusExpiresDays: 30,
      firstRechargeBonus: 0,
      platforms: [],
      badge: null,
      appleProductId: null,
      sort: 0,
      isActive: true,
      startsAt: null,
      endsAt: null,
    }
    apply(pkg)
    data.packages.push(pkg)
    return send(res, 201, { package: pkg })
  }
  const match = /^\/admin\/v1\/recharge-packages\/([^/]+)$/.exec(path)
  if (!match || ctx.method !== 'PATCH') return false
  const pkg = data.packages.find((candidate) => String(candidate.id) === match[1])
  if (!pkg) return fail(res, 404, 'NOT_FOUND', 'No such package')
  const fields = check(false)
  if (fields.length > 0) return invalid(res, fields)
  apply(pkg)
  return send(res, 200, { package: pkg })
}

/** Answers the request when it is a finance endpoint (true), else leaves it to the caller (false). */
export function handleFinanceRoute(ctx: FinanceContext): boolean {
  const path = ctx.url.pathname
  const isOrders = /^\/admin\/v1\/orders(\/|$)/.test(path)
  const isWallet = /^\/admin\/v1\/users\/[^/]+\/(wallet|coins\/grant|coins\/deduct)$/.test(path)
  const isPackages = /^\/admin\/v1\/recharge-packages(\/|$)/.test(path)
  if (!isOrders && !isWallet && !isPackages) return false
  const actor = ctx.signedIn
  if (!actor) return fail(ctx.res, 401, 'UNAUTHENTICATED', 'Authentication required')
  const required = isOrders ? 'orders.read' : 'finance.manage'
  if (!ctx.permissionsOf(actor).includes(required)) {
    return fail(ctx.res, 403, 'FORBIDDEN', 'You are not allowed to do this', { permission: required })
  }
  if (isOrders) return ordersRoutes(ctx, actor, path)
  if (isWallet) return walletRoutes(ctx, actor, path)
  return packagesRoutes(ctx, path)
}
