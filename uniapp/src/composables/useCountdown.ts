import { onUnmounted, readonly, ref } from 'vue'
import { Countdown } from '@/utils/countdown'

/** A seconds countdown for the current page; stops when the page goes away. */
export function useCountdown() {
  const remaining = ref(0)
  const countdown = new Countdown((value) => {
    remaining.value = value
  })
  onUnmounted(() => countdown.stop())
  return {
    remaining: readonly(remaining),
    start: (seconds: number) => countdown.start(seconds),
  }
}
