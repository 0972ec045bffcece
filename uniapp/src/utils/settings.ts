import type { UserSettings, VideoQuality } from '@/api/auth'

/** The same limits the API's updateProfileValidator applies. */
export const PLAYBACK_SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3] as const
export const VIDEO_QUALITIES: readonly VideoQuality[] = ['auto', '480p', '720p', '1080p']
export const NICKNAME_MAX_LENGTH = 20

export type SettingsField = keyof UserSettings

/** Names the fields of a settings change that the API would refuse; empty when it is valid. */
export function invalidSettingsFields(change: Partial<Record<SettingsField, unknown>>): SettingsField[] {
  const invalid: SettingsField[] = []
  for (const [field, value] of Object.entries(change) as [SettingsField, unknown][]) {
    if (value === undefined) continue
    const ok =
      field === 'autoUnlock' || field === 'danmuEnabled'
        ? typeof value === 'boolean'
        : field === 'playbackSpeed'
          ? typeof value === 'number' && (PLAYBACK_SPEEDS as readonly number[]).includes(value)
          : field === 'preferredQuality'
            ? typeof value === 'string' && (VIDEO_QUALITIES as readonly string[]).includes(value)
            : false
    if (!ok) invalid.push(field)
  }
  return invalid
}

export type NicknameProblem = 'empty' | 'tooLong' | 'invalidCharacters'

/**
 * Checks a nickname the way the API will (trimmed, 1–20 characters, no control or invisible
 * formatting characters). Returns the trimmed nickname or what is wrong with it.
 */
export function checkNickname(input: string): { nickname: string } | { problem: NicknameProblem } {
  const nickname = input.trim()
  if (nickname.length === 0) return { problem: 'empty' }
  if (nickname.length > NICKNAME_MAX_LENGTH) return { problem: 'tooLong' }
  if (/[\p{Cc}\p{Cf}]/u.test(nickname)) return { problem: 'invalidCharacters' }
  return { nickname }
}

/** "1x", "1.25x", "0.5x" */
export function formatSpeed(speed: number): string {
  return `${speed}x`
}

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp']
const AVATAR_EXTENSIONS = /\.(jpe?g|png|webp)$/i

export type AvatarProblem = 'tooLarge' | 'unsupportedType'

/**
 * Checks a picked image before uploading it. Platforms report different things: H5 gives a File
 * (type and name; the path is a blob: URL), mini-programs and the app only a path and a size.
 */
export function checkAvatarFile(file: { size?: number; type?: string; name?: string; path?: string }): AvatarProblem | null {
  if (typeof file.size === 'number' && file.size > AVATAR_MAX_BYTES) return 'tooLarge'
  if (file.type) return AVATAR_TYPES.includes(file.type.toLowerCase()) ? null : 'unsupportedType'
  const name = file.name || (file.path && !file.path.startsWith('blob:') ? file.path.split('?')[0] : '')
  if (name && /\.\w+$/.test(name) && !AVATAR_EXTENSIONS.test(name)) return 'unsupportedType'
  return null
}
