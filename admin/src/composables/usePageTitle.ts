import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'

/** Keeps document.title on "<page> · <app name>" in the current language. */
export function usePageTitle(): void {
  const route = useRoute()
  const { t } = useI18n({ useScope: 'global' })
  watchEffect(() => {
    const appName = t('app.name')
    document.title = route.meta.title ? `${t(route.meta.title)} · ${appName}` : appName
  })
}
