import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { type AppLocale, isAppLocale, LOCALE_STORAGE_KEY, DEFAULT_LOCALE } from '@/locales'

export const LOCALE_LABELS: Record<AppLocale, string> = { 'zh-CN': '简体中文', en: 'English' }

/** The UI language: vue-i18n messages and Element Plus texts together, remembered in localStorage. */
export function useAppLocale() {
  const { locale } = useI18n({ useScope: 'global' })
  const current = computed<AppLocale>(() => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE))
  const elementLocale = computed(() => (current.value === 'en' ? elementEn : elementZhCn))

  function setLocale(next: AppLocale): void {
    locale.value = next
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this tab only.
    }
  }

  return { locale: current, elementLocale, setLocale }
}
