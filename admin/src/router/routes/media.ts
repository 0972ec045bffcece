import type { RouteRecordRaw } from 'vue-router'

export const mediaRoutes: RouteRecordRaw[] = [
  {
    path: '/media',
    name: 'media',
    // The media module arrives in a later release; until then the menu entry explains that honestly.
    component: () => import('@/views/placeholder/ComingSoonView.vue'),
    meta: { title: 'route.media', icon: 'VideoCamera', perms: ['media.manage'] },
  },
]
