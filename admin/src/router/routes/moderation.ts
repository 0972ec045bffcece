import type { RouteRecordRaw } from 'vue-router'

export const moderationRoutes: RouteRecordRaw[] = [
  {
    path: '/moderation',
    name: 'moderation',
    // The moderation module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.moderation', icon: 'Stamp', perms: ['moderation.review'] },
  },
]
