import { readonly, ref } from 'vue'
import { normalizeLocale, translate, type AppLocale, type MessageKey } from '@/locale'

const locale = ref<AppLocale | null>(null)

function currentLocale(): AppLocale {
  if (locale.value === null) {
    locale.value = normalizeLocale(uni.getLocale())
    uni.onLocaleChange((result) => {
      locale.value = normalizeLocale(result.locale)
    })
  }
  return locale.value
}

/**
 * Page texts from the same locale/*.json files that pages.json's %key% entries use, so the
 * tab bar and the pages always speak the same language.
 */
export function useI18n() {
  currentLocale()
  return {
    locale: readonly(locale),
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(currentLocale(), key, params),
    setLocale(next: AppLocale) {
      uni.setLocale(next)
      locale.value = next
    },
  }
}
