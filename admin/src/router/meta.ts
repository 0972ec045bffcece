import 'vue-router'

export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page and menu title. */
    title?: string
    /** Name of an @element-plus/icons-vue icon shown in the menu. */
    icon?: string
    /** Permissions the signed-in admin must all hold to open the route. */
    perms?: string[]
    /** Reachable without signing in. */
    public?: boolean
    /** Never listed in the side menu. */
    hideInMenu?: boolean
    /** Menu entry to highlight for a page that has none of its own (a detail page → its list). */
    activeMenu?: string
  }
}
