const pad = (value: number) => String(value).padStart(2, '0')

/** An ISO timestamp in the browser's local time as `YYYY-MM-DD HH:mm`; '—' when absent or unreadable. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return '—'
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}
