// Money travels as integer fen; people read and type yuan with two decimals. Converting through
// the decimal text, never by multiplying floats, keeps 19.99 → 1999 and 0.1 + 0.2 → 30 exact.

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/

/** The shortest text that reads back as `value` ("19.99", "0.30000000000000004"), without an exponent. */
function decimalText(value: number): string {
  const text = String(value)
  return /e/i.test(text) ? value.toFixed(20) : text
}

/**
 * Yuan (a number, or text such as "19.99", "¥1,234.5") → integer fen, rounded half away from zero
 * at the third decimal; null for blank, unreadable or out-of-range input.
 */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined) return null
  if (typeof yuan === 'number' && !Number.isFinite(yuan)) return null
  const text = typeof yuan === 'number' ? decimalText(yuan) : yuan.trim().replace(/^[¥￥]/, '').replace(/[,\s]/g, '')
  const match = DECIMAL.exec(text)
  if (!match) return null
  const whole = match[2] ?? ''
  const fraction = match[3] ?? ''
  if (whole === '' && fraction === '') return null
  const cents = Number(whole || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'))
  const fen = cents + (fraction.length > 2 && fraction.charAt(2) >= '5' ? 1 : 0)
  if (!Number.isSafeInteger(fen)) return null
  return match[1] === '-' && fen !== 0 ? -fen : fen
}

/** Integer fen → yuan as a number (1999 → 19.99), for number inputs; null stays null. */
export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return null
  return Math.round(fen) / 100
}

/** Integer fen as `¥1,234.56` (`-¥5.00` below zero); '—' when absent. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  const whole = Math.round(fen)
  const abs = Math.abs(whole)
  const yuan = Math.floor(abs / 100).toLocaleString('en-US')
  const cents = String(abs % 100).padStart(2, '0')
  return `${whole < 0 ? '-' : ''}¥${yuan}.${cents}`
}

/** A signed coin amount as `+100` / `−50` (a true minus sign), `0` for zero. */
export function formatSignedCoins(amount: number): string {
  if (amount > 0) return `+${amount.toLocaleString('en-US')}`
  if (amount < 0) return `−${Math.abs(amount).toLocaleString('en-US')}`
  return '0'
}
