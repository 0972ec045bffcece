/** Runs `fn` once calls have stopped for `waitMs`, with the last call's argument. */
export function debounce<A>(fn: (arg: A) => void, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  const call = (arg: A) => {
    cancel()
    timer = setTimeout(() => {
      timer = null
      fn(arg)
    }, waitMs)
  }
  return { call, cancel, pending: () => timer !== null }
}
