import en from './en.json'
import zhHans from './zh-Hans.json'

export type MessageKey = keyof typeof zhHans

export const messages = {
  'zh-Hans': zhHans,
  en,
} satisfies Record<string, Record<MessageKey, string>>

export type AppLocale = keyof typeof messages

export const DEFAULT_LOCALE: AppLocale = 'zh-Hans'
export const LOCALES = Object.keys(messages) as AppLocale[]

/** Maps what uni.getLocale() reports ("zh-Hans", "zh_CN", "en-US", ...) to a locale we ship. */
export function normalizeLocale(raw: string | undefined | null): AppLocale {
  return (raw ?? '').toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE
}

/** Looks a key up and fills `{name}` placeholders. */
export function translate(locale: AppLocale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = messages[locale][key]
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
}
