/*
| Payments' additions to the ledger audit: every paid or refunded order has exactly one credit.
*/
import db from '@adonisjs/lucid/services/db'
import { ledgerChecks } from '#modules/coins/services/ledger_audit_service'
import { WalletService } from '#modules/coins/services/wallet_service'

ledgerChecks.register('payments', async () => {
  const orders = await db.from('orders').whereIn('state', ['paid', 'refunded']).select('order_no')
  if (!orders.length) return []
  const byOrder = await new WalletService().creditCounts('recharge', 'order')
  return orders
    .filter((o) => byOrder.get(o.order_no) !== 1)
    .map((o) => ({
      check: 'one_credit_per_paid_order',
      detail: `order ${o.order_no} has ${byOrder.get(o.order_no) ?? 0} credits`,
    }))
})
