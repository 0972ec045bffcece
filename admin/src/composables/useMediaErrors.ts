import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { toFailure, type UploadFailure } from '@/utils/chunkedUpload'
import { formatBytes, mediaErrorKey } from '@/utils/media'

/** The media calls are silent: their failures read better in the admin's language than in the server's English. */
export function useMediaErrors() {
  const { t } = useI18n()

  function failureText(failure: Pick<UploadFailure, 'code' | 'status' | 'reason' | 'message' | 'maxBytes'>): string {
    if (failure.code === 'PAYLOAD_TOO_LARGE' && failure.maxBytes !== null) return t('media.errors.tooLargeMax', { max: formatBytes(failure.maxBytes) })
    const key = mediaErrorKey(failure)
    return key ? t(key) : failure.message
  }

  function errorText(error: unknown): string {
    return error instanceof ApiError ? failureText(toFailure(error)) : error instanceof Error ? error.message : String(error)
  }

  /** A toast for an action without a form of its own. */
  function toastError(error: unknown): void {
    if (!(error instanceof ApiError)) throw error
    ElMessage.error({ message: errorText(error), grouping: true, showClose: true })
  }

  return { failureText, errorText, toastError }
}
