import { ApiError } from '@/api/http'

export interface FormErrors<K extends string> {
  /** Messages shown under the form fields. */
  fields: Partial<Record<K, string>>
  /** What no field owns (a conflict, a network error): shown above the form. */
  form: string
}

/** How a known error code is shown: next to one field, or above the form when `field` is absent. */
export type CodeMessages<K extends string> = Partial<Record<string, { field?: K; message: string }>>

/** `roles.0` and `roles[0]` belong to the `roles` field. */
function rootField(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? path
}

/**
 * Maps a failed request onto a form: codes the form knows go to their field (or above the form),
 * `details.fields` of a 422 go under the matching fields, and anything else is a form-level message.
 */
export function mapFormErrors<K extends string>(
  error: unknown,
  fields: readonly K[],
  codes: CodeMessages<K> = {},
): FormErrors<K> {
  const result: FormErrors<K> = { fields: {}, form: '' }
  if (!(error instanceof ApiError)) {
    result.form = error instanceof Error ? error.message : String(error)
    return result
  }
  const known = codes[error.code]
  if (known) {
    if (known.field) result.fields[known.field] = known.message
    else result.form = known.message
    return result
  }
  const unplaced: string[] = []
  for (const fieldError of error.fieldErrors) {
    const field = rootField(fieldError.field) as K
    if (!fields.includes(field)) {
      unplaced.push(fieldError.message)
      continue
    }
    result.fields[field] ??= fieldError.message
  }
  if (unplaced.length > 0) result.form = unplaced.join('; ')
  else if (Object.keys(result.fields).length === 0) result.form = error.message
  return result
}
