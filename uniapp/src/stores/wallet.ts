import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { User } from '@/api/auth'
import type { CreatedOrder, Payment } from '@/api/payments'
import { fetchWallet, type Wallet } from '@/api/wallet'
import { useSessionStore } from './session'

export type WalletStatus = 'idle' | 'loading' | 'ready' | 'error'

/**
 * The viewer's balances, shared by the Me tab, the wallet pages and the order result; and the
 * payment parameters of orders created in this run, so a cancelled payment (WeChat Pay, Alipay,
 * Apple) can be resumed without creating (and rate-limiting) another order.
 */
export const useWalletStore = defineStore('wallet', () => {
  const session = useSessionStore()
  const loaded = ref<Wallet | null>(null)
  const ownerId = ref<User['id'] | null>(null)
  const status = ref<WalletStatus>('idle')
  const error = ref<unknown>(null)
  const payments = new Map<string, { provider: string; payment: Payment }>()
  let generation = 0

  /** The balances of the viewer signed in now; null until they are loaded (never another account's). */
  const wallet = computed(() => (loaded.value && ownerId.value === session.user?.id ? loaded.value : null))

  /** Loads the balances again; the older of two overlapping answers is dropped. */
  async function refresh(): Promise<Wallet | null> {
    const request = ++generation
    status.value = 'loading'
    error.value = null
    try {
      await session.whenStarted()
      const owner = session.user?.id ?? null
      const answer = await fetchWallet()
      if (request !== generation) return loaded.value
      loaded.value = answer
      ownerId.value = owner
      status.value = 'ready'
      return answer
    } catch (caught) {
      if (request === generation) {
        error.value = caught
        status.value = 'error'
      }
      return null
    }
  }

  function rememberPayment(created: CreatedOrder): void {
    payments.set(created.order.orderNo, { provider: created.order.provider, payment: created.payment })
  }

  function paymentFor(orderNo: string): { provider: string; payment: Payment } | undefined {
    return payments.get(orderNo)
  }

  return { wallet, status, error, refresh, rememberPayment, paymentFor }
})
