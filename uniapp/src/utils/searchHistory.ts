/** The viewer's recent search terms, newest first, kept in uni storage on this device only. */

export const SEARCH_HISTORY_KEY = 'duanju.searchHistory'
export const SEARCH_HISTORY_MAX = 10
/** The API refuses longer terms. */
export const SEARCH_TERM_MAX_LENGTH = 50

/** Trimmed, inner whitespace collapsed, at most 50 characters (code points, so no half emoji). */
export function normalizeSearchTerm(input: string): string {
  return Array.from(input.trim().replace(/\s+/g, ' ')).slice(0, SEARCH_TERM_MAX_LENGTH).join('').trim()
}

/**
 * The history after searching `term`: the term first, an earlier copy of it removed (letters
 * compared case-insensitively, keeping the newest spelling), at most SEARCH_HISTORY_MAX terms.
 */
export function withSearchTerm(history: readonly string[], term: string): string[] {
  const normalized = normalizeSearchTerm(term)
  if (!normalized) return history.slice(0, SEARCH_HISTORY_MAX)
  const key = normalized.toLowerCase()
  return [normalized, ...history.filter((entry) => entry.toLowerCase() !== key)].slice(0, SEARCH_HISTORY_MAX)
}

/** What storage holds, ignoring anything that is not a list of terms (an older or damaged value). */
export function readSearchHistory(): string[] {
  const stored: unknown = uni.getStorageSync(SEARCH_HISTORY_KEY)
  if (!Array.isArray(stored)) return []
  return stored
    .filter((entry): entry is string => typeof entry === 'string')
    .map(normalizeSearchTerm)
    .filter((entry) => entry.length > 0)
    .slice(0, SEARCH_HISTORY_MAX)
}

/** Records a search and returns the new history. */
export function rememberSearch(term: string): string[] {
  const history = withSearchTerm(readSearchHistory(), term)
  uni.setStorageSync(SEARCH_HISTORY_KEY, history)
  return history
}

export function clearSearchHistory(): void {
  uni.removeStorageSync(SEARCH_HISTORY_KEY)
}
