import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import type { CodeMessages } from '@/utils/form-errors'
import { FINANCE_ERROR_KEYS } from '@/utils/finance'

/**
 * The finance calls are silent: their refusals (ORDER_NOT_REFUNDABLE, INSUFFICIENT_COINS, ...) read
 * better in the admin's language, with the numbers the server sent. Anything else keeps the
 * server's message.
 */
export function useFinanceErrors() {
  const { t } = useI18n()

  function paramsOf(error: ApiError): Record<string, string | number> {
    const params: Record<string, string | number> = { message: error.message }
    for (const [key, value] of Object.entries(error.details ?? {})) {
      if (typeof value === 'number' || typeof value === 'string') params[key] = value
    }
    return params
  }

  function errorText(error: unknown): string {
    if (error instanceof ApiError) {
      const key = FINANCE_ERROR_KEYS[error.code]
      return key ? t(key, paramsOf(error)) : error.message
    }
    return error instanceof Error ? error.message : String(error)
  }

  /** `mapFormErrors` codes for this error: a known refusal under `fields[code]`, else above the form. */
  function formCodes<K extends string>(error: unknown, fields: Partial<Record<string, K>> = {}): CodeMessages<K> {
    if (!(error instanceof ApiError) || !FINANCE_ERROR_KEYS[error.code]) return {}
    return { [error.code]: { field: fields[error.code], message: errorText(error) } } as CodeMessages<K>
  }

  return { errorText, formCodes }
}
