import type Order from '#modules/payments/models/order'
import type RechargePackage from '#modules/payments/models/recharge_package'

const iso = (v: { toISO(): string | null } | null | undefined) => v?.toISO() ?? null

export class OrderTransformer {
  static forViewer(order: Order) {
    return {
      id: order.orderNo,
      orderNo: order.orderNo,
      kind: order.kind,
      itemId: order.itemId,
      amountFen: order.amountFen,
      coins: order.snapshot.coins,
      bonusCoins: order.snapshot.bonusCoins,
      provider: order.provider,
      platform: order.platform,
      state: order.state,
      expiresAt: iso(order.expiresAt),
      paidAt: iso(order.paidAt),
      createdAt: iso(order.createdAt),
    }
  }

  static forStaff(order: Order) {
    return {
      ...OrderTransformer.forViewer(order),
      userId: order.userId,
      providerTxnId: order.providerTxnId,
      creditTransferId: order.creditTransferId,
      ip: order.ip,
      closedAt: iso(order.closedAt),
      refundedAt: iso(order.refundedAt),
      refundReason: order.refundReason,
      packageName: order.snapshot.packageName,
    }
  }
}

export class PackageTransformer {
  static forViewer(pkg: RechargePackage) {
    return {
      id: pkg.id,
      name: pkg.name,
      priceFen: pkg.priceFen,
      coins: pkg.coins,
      bonusCoins: pkg.bonusCoins,
      bonusExpiresDays: pkg.bonusExpiresDays,
      firstRechargeBonus: pkg.firstRechargeBonus,
      badge: pkg.badge,
    }
  }

  static forStaff(pkg: RechargePackage) {
    return {
      ...PackageTransformer.forViewer(pkg),
      platforms: pkg.platforms,
      appleProductId: pkg.appleProductId,
      sort: pkg.sort,
      isActive: pkg.isActive,
      startsAt: iso(pkg.startsAt),
      endsAt: iso(pkg.endsAt),
    }
  }
}
