/**
 * Phone numbers are stored in E.164. Mainland numbers may be typed bare (13800138000) or with
 * 86 / 0086 / +86; other countries need the + form.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s()-]/g, '')
  let candidate: string
  if (/^1[3-9]\d{9}$/.test(compact)) candidate = `+86${compact}`
  else if (/^(?:0086|86)1[3-9]\d{9}$/.test(compact))
    candidate = `+86${compact.replace(/^(?:0086|86)/, '')}`
  else if (/^\+[1-9]\d{6,14}$/.test(compact)) candidate = compact
  else return null
  if (candidate.startsWith('+86') && !/^\+861[3-9]\d{9}$/.test(candidate)) return null
  return candidate
}

/** 138****8000 style, for anything shown to someone other than staff with users.manage. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const local = phone.startsWith('+86') ? phone.slice(3) : phone
  return `${local.slice(0, 3)}****${local.slice(-4)}`
}
