import { DateTime } from 'luxon'
import RechargePackage from '#modules/payments/models/recharge_package'
import { AppError } from '#core/exceptions/app_error'
import { dbTime } from '#core/database/time'

export interface PackageInput {
  name: string
  priceFen: number
  coins: number
  bonusCoins?: number
  bonusExpiresDays?: number
  firstRechargeBonus?: number
  platforms: string[]
  badge?: string | null
  appleProductId?: string | null
  sort?: number
  isActive?: boolean
  startsAt?: DateTime | null
  endsAt?: DateTime | null
}

/** Recharge packages: what each platform may sell (e.g. nothing on iOS mini-programs). */
export class PackageService {
  /** Active, inside their window and visible on `platform`, in operator order. */
  async forPlatform(platform: string, now = DateTime.utc()) {
    const rows = await RechargePackage.query()
      .where('is_active', true)
      .where((q) => q.whereNull('starts_at').orWhere('starts_at', '<=', dbTime(now)))
      .where((q) => q.whereNull('ends_at').orWhere('ends_at', '>', dbTime(now)))
      .orderBy('sort', 'asc')
      .orderBy('id', 'asc')
    return rows.filter((p) => p.platforms.includes(platform))
  }

  all() {
    return RechargePackage.query().orderBy('sort', 'asc').orderBy('id', 'asc')
  }

  create(input: PackageInput) {
    return RechargePackage.create({
      bonusCoins: 0,
      bonusExpiresDays: 30,
      firstRechargeBonus: 0,
      sort: 0,
      isActive: true,
      ...input,
    })
  }

  async update(id: number, input: Partial<PackageInput>) {
    const found = await RechargePackage.find(id)
    if (!found) throw AppError.notFound('No such package')
    found.merge(input)
    await found.save()
    return found
  }
}
