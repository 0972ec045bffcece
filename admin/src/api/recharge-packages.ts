import { http } from './http'
import type { Platform } from './users'

/** A recharge package as finance staff manage it. `priceFen` is integer fen; coins are integers. */
export interface RechargePackage {
  id: number
  name: string
  priceFen: number
  coins: number
  bonusCoins: number
  bonusExpiresDays: number
  /** Extra bonus coins on a viewer's first paid recharge. */
  firstRechargeBonus: number
  platforms: Platform[]
  badge: string | null
  /** The App Store product sold for this package in the iOS app. */
  appleProductId: string | null
  sort: number
  isActive: boolean
  startsAt: string | null
  endsAt: string | null
}

export interface PackageInput {
  name: string
  priceFen: number
  coins: number
  bonusCoins?: number
  bonusExpiresDays?: number
  firstRechargeBonus?: number
  platforms: Platform[]
  badge?: string | null
  appleProductId?: string | null
  sort?: number
  isActive?: boolean
}

/** The server's limits, checked in the form before anything is sent. */
export const PACKAGE_LIMITS = {
  name: 64,
  badge: 16,
  appleProductId: 100,
  priceFenMin: 1,
  priceFenMax: 10_000_000,
  coinsMax: 10_000_000,
  bonusDaysMax: 3650,
  sortMin: -10_000,
  sortMax: 10_000,
} as const

function packagePath(id: number | string): string {
  return `/admin/v1/recharge-packages/${encodeURIComponent(String(id))}`
}

/** Every package, active or not, in operator order. */
export async function listPackages(): Promise<RechargePackage[]> {
  const result = await http.get<{ data: RechargePackage[] }>('/admin/v1/recharge-packages')
  return result.data
}

/** The dialog shows field errors itself, so no toast. */
export async function createPackage(input: PackageInput): Promise<RechargePackage> {
  const result = await http.post<{ package: RechargePackage }>('/admin/v1/recharge-packages', input, { silent: true })
  return result.package
}

/** Only the fields present change. Silent: the dialog and the list switch show the error themselves. */
export async function updatePackage(id: number | string, input: Partial<PackageInput>): Promise<RechargePackage> {
  const result = await http.patch<{ package: RechargePackage }>(packagePath(id), input, { silent: true })
  return result.package
}
