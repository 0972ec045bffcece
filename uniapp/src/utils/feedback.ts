/** Toasts and dialogs over uni's APIs, with the texts the caller passes in (already translated). */

// A toast with an icon shows at most 7 Chinese characters on mini-programs; longer texts go
// without the icon, which allows two lines.
const ICON_TOAST_MAX = 7

export function toastSuccess(title: string): void {
  uni.showToast({ title, icon: title.length <= ICON_TOAST_MAX ? 'success' : 'none', duration: 2000 })
}

export function toastMessage(title: string): void {
  uni.showToast({ title, icon: 'none', duration: 2500 })
}

export function confirmDialog(options: { title: string; content: string; confirmText: string; cancelText: string }): Promise<boolean> {
  return new Promise((resolve) => {
    uni.showModal({
      ...options,
      showCancel: true,
      success: (result) => resolve(result.confirm),
      fail: () => resolve(false),
    })
  })
}
