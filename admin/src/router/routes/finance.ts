import type { RouteRecordRaw } from 'vue-router'

const perms = ['finance.manage']

export const financeRoutes: RouteRecordRaw[] = [
  {
    path: '/finance',
    name: 'finance',
    // Listed while at least one child is; every child needs finance.manage.
    meta: { title: 'route.finance', icon: 'Wallet' },
    redirect: '/finance/wallets',
    children: [
      {
        path: 'wallets',
        name: 'finance-wallets',
        component: () => import('@/views/finance/WalletSearchView.vue'),
        meta: { title: 'route.wallets', icon: 'Coin', perms },
      },
      {
        path: 'wallets/:userId(\\d+)',
        name: 'finance-wallet',
        component: () => import('@/views/finance/WalletView.vue'),
        meta: { title: 'route.wallet', perms, hideInMenu: true, activeMenu: '/finance/wallets' },
      },
      {
        path: 'packages',
        name: 'finance-packages',
        component: () => import('@/views/finance/PackageListView.vue'),
        meta: { title: 'route.packages', icon: 'Goods', perms },
      },
    ],
  },
]
