import vine from '@vinejs/vine'

const PLATFORMS = ['app-android', 'app-ios', 'h5', 'mp-weixin'] as const

export const packagesQueryValidator = vine.create({ platform: vine.enum(PLATFORMS) })

export const createOrderValidator = vine.create({
  kind: vine.enum(['recharge'] as const),
  itemId: vine.number().withoutDecimals().positive(),
  provider: vine.enum(['sandbox', 'wechatpay', 'alipay', 'apple'] as const),
  platform: vine.enum(PLATFORMS),
})

export const sandboxConfirmValidator = vine.create({
  result: vine.enum(['paid', 'closed'] as const),
})

export const adminOrdersValidator = vine.create({
  state: vine.enum(['pending', 'paid', 'closed', 'refunded'] as const).optional(),
  provider: vine.string().trim().maxLength(16).optional(),
  userId: vine.number().withoutDecimals().positive().optional(),
  orderNo: vine.string().trim().maxLength(32).optional(),
  page: vine.number().withoutDecimals().range([1, 10_000]).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

export const refundValidator = vine.create({
  reason: vine.string().trim().minLength(2).maxLength(200),
  force: vine.boolean({ strict: true }).optional(),
})

const fen = () => vine.number().withoutDecimals().range([1, 10_000_000])
const coins = () => vine.number().withoutDecimals().range([0, 10_000_000])

export const packageValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(64),
  priceFen: fen(),
  coins: coins(),
  bonusCoins: coins().optional(),
  bonusExpiresDays: vine.number().withoutDecimals().range([1, 3650]).optional(),
  firstRechargeBonus: coins().optional(),
  platforms: vine.array(vine.enum(PLATFORMS)).minLength(1).distinct(),
  badge: vine.string().trim().maxLength(16).nullable().optional(),
  appleProductId: vine.string().trim().maxLength(100).nullable().optional(),
  sort: vine.number().withoutDecimals().range([-10_000, 10_000]).optional(),
  isActive: vine.boolean({ strict: true }).optional(),
})

export const updatePackageValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(64).optional(),
  priceFen: fen().optional(),
  coins: coins().optional(),
  bonusCoins: coins().optional(),
  bonusExpiresDays: vine.number().withoutDecimals().range([1, 3650]).optional(),
  firstRechargeBonus: coins().optional(),
  platforms: vine.array(vine.enum(PLATFORMS)).minLength(1).distinct().optional(),
  badge: vine.string().trim().maxLength(16).nullable().optional(),
  appleProductId: vine.string().trim().maxLength(100).nullable().optional(),
  sort: vine.number().withoutDecimals().range([-10_000, 10_000]).optional(),
  isActive: vine.boolean({ strict: true }).optional(),
})
