import { computed, onBeforeUnmount, ref, shallowRef } from 'vue'
import { uploadTransport, type CompletedUpload } from '@/api/uploads'
import { UploadQueue, type UploadItem } from '@/utils/chunkedUpload'

/**
 * The batch upload of one drama's episodes, as reactive state for the episodes tab. It lives as
 * long as the tab: closing the dialog keeps files uploading; leaving the page stops them (the
 * browser asks first), and picking the same files again later resumes them.
 */
export function useUploadQueue(options: {
  dramaId: number
  startNumber: number
  onCompleted: (result: CompletedUpload, item: UploadItem) => void
}) {
  const items = shallowRef<UploadItem[]>([])
  const started = ref(false)
  const queue = new UploadQueue({
    transport: uploadTransport,
    dramaId: options.dramaId,
    startNumber: options.startNumber,
    onChange: () => {
      items.value = queue.items
      started.value = queue.started
    },
    onCompleted: options.onCompleted,
  })
  const uploading = computed(() => items.value.some((item) => item.state === 'uploading' || item.state === 'completing' || (started.value && item.state === 'queued')))
  const unfinished = computed(() => items.value.filter((item) => item.state !== 'done').length)
  // Read through the items, which change with it, so the number re-renders.
  const startNumber = computed(() => (items.value, queue.startNumber))

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!uploading.value) return
    event.preventDefault()
    // Older browsers need a value to show their "leave site?" prompt.
    event.returnValue = ''
  }
  window.addEventListener('beforeunload', onBeforeUnload)
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload)
    queue.dispose()
  })

  return {
    items,
    started,
    uploading,
    unfinished,
    startNumber,
    setStartNumber: (value: number) => (queue.startNumber = value),
    add: (files: readonly File[]) => void queue.add(files),
    move: (from: number, to: number) => queue.move(from, to),
    start: () => queue.start(),
    pause: (key: string) => queue.pause(key),
    resume: (key: string) => queue.resume(key),
    pauseAll: () => queue.pauseAll(),
    resumeAll: () => queue.resumeAll(),
    retry: (key: string) => queue.retry(key),
    remove: (key: string) => queue.remove(key),
    clearDone: () => queue.clearDone(),
  }
}

export type UploadQueueHandle = ReturnType<typeof useUploadQueue>
