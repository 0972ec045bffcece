import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { CATALOG_ERROR_KEYS } from '@/utils/catalog'

/**
 * The catalog calls are silent: their conflicts (NO_READY_EPISODE, SLUG_TAKEN, ...) read better in
 * the admin's language than in the server's English. Anything else keeps the server's message.
 */
export function useCatalogErrors() {
  const { t } = useI18n()

  function errorText(error: unknown): string {
    if (error instanceof ApiError) {
      const key = CATALOG_ERROR_KEYS[error.code]
      return key ? t(key) : error.message
    }
    return error instanceof Error ? error.message : String(error)
  }

  /** A toast for an action without a form of its own (a switch, a row button). */
  function toastError(error: unknown): void {
    if (!(error instanceof ApiError)) throw error
    ElMessage.error({ message: errorText(error), grouping: true, showClose: true })
  }

  /** `mapFormErrors` codes: each known conflict above the form, or under `fields[code]` when given. */
  function formCodes<K extends string>(fields: Partial<Record<string, K>> = {}) {
    return Object.fromEntries(
      Object.entries(CATALOG_ERROR_KEYS).map(([code, key]) => [code, { field: fields[code], message: t(key) }]),
    ) as Partial<Record<string, { field?: K; message: string }>>
  }

  return { errorText, toastError, formCodes }
}
