import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { deleteDrama, unpublishDrama, type AdminDrama } from '@/api/dramas'
import { useCatalogErrors } from './useCatalogErrors'

/** Confirmed drama actions shared by the list and the edit page; each answers whether it happened. */
export function useDramaActions() {
  const { t } = useI18n()
  const { toastError } = useCatalogErrors()

  function confirm(message: string, title: string, confirmText: string, type: 'warning' | 'error' = 'warning'): Promise<boolean> {
    return ElMessageBox.confirm(message, title, {
      type,
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: type === 'error' ? 'el-button--danger' : undefined,
    }).then(
      () => true,
      () => false,
    )
  }

  /** Takes a live drama down; viewers stop seeing it at once. */
  async function unpublish(drama: AdminDrama): Promise<AdminDrama | null> {
    const ok = await confirm(t('catalog.unpublish.confirm', { title: drama.title }), t('catalog.unpublish.title'), t('catalog.unpublish.submit'))
    if (!ok) return null
    try {
      const saved = await unpublishDrama(drama.id)
      ElMessage.success(t('catalog.unpublish.success', { title: drama.title }))
      return saved
    } catch (error) {
      toastError(error)
      return null
    }
  }

  /** Drafts and rejected dramas only; the server refuses the rest (DRAMA_NOT_DELETABLE). */
  async function remove(drama: AdminDrama): Promise<boolean> {
    const ok = await confirm(t('catalog.remove.confirm', { title: drama.title }), t('catalog.remove.title'), t('catalog.remove.submit'), 'error')
    if (!ok) return false
    try {
      await deleteDrama(drama.id)
      ElMessage.success(t('catalog.remove.success', { title: drama.title }))
      return true
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      toastError(error)
      return false
    }
  }

  return { unpublish, remove }
}

export const DELETABLE_STATES: readonly AdminDrama['state'][] = ['draft', 'rejected']
