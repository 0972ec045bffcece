import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { apiBase } from '@/api/http'
import { transmitSource, type ClosableLiveSource } from '@/api/live'
import { getProcessing, type ProcessingEvent } from '@/api/media'
import { useAuthStore } from '@/stores/auth'
import { ProcessingFeed, isActive, type FeedMode } from '@/utils/processingFeed'

/**
 * Live transcoding state of one drama's episodes (see utils/processingFeed.ts): `statuses` by
 * episode id, updated from the server's SSE channel, or by polling while that is down.
 * `onUpdate` hears every change (the tab reloads a row once it is ready or failed).
 */
export function useProcessingFeed(dramaId: number, onUpdate: (event: ProcessingEvent) => void) {
  const auth = useAuthStore()
  const statuses = shallowRef<ReadonlyMap<number, ProcessingEvent>>(new Map())
  const mode = ref<FeedMode>('connecting')
  // Browsers without EventSource (and test DOMs) poll.
  const source: ClosableLiveSource | null =
    typeof EventSource === 'undefined' ? null : transmitSource({ baseUrl: apiBase(), getToken: () => auth.token })
  const feed = new ProcessingFeed({
    dramaId,
    source,
    fetchStatus: getProcessing,
    onUpdate: (event) => {
      statuses.value = new Map(statuses.value).set(event.episodeId, event)
      onUpdate(event)
    },
    onMode: (next) => (mode.value = next),
  })
  mode.value = feed.mode
  feed.start()
  mode.value = feed.mode

  onBeforeUnmount(() => {
    feed.stop()
    source?.close()
  })

  return {
    statuses,
    mode,
    /** Follows these episodes and asks for their state now. */
    follow: (episodeIds: readonly number[]) => {
      feed.track(episodeIds)
      return feed.refresh(episodeIds)
    },
    /** States read in one go (on load): shown at once; the ones still under way are followed. */
    seed: (events: readonly ProcessingEvent[]) => {
      const next = new Map(statuses.value)
      for (const event of events) next.set(event.episodeId, event)
      statuses.value = next
      const active = events.filter((event) => isActive(event.state))
      if (active.length > 0) feed.track(active.map((event) => event.episodeId))
    },
    /** Sets a status before the server reports it (after a retry, the row shows "queued" at once). */
    assume: (event: ProcessingEvent) => {
      statuses.value = new Map(statuses.value).set(event.episodeId, event)
      feed.track([event.episodeId])
    },
  }
}
