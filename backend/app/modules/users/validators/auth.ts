import vine from '@vinejs/vine'
import { PLATFORMS } from '#modules/users/platforms'
import { ADMIN_ROLES } from '#modules/users/services/permissions'
import { normalizePhone } from '#modules/users/services/phone'

/** A phone number we can text, normalised to E.164. */
const phone = () =>
  vine
    .string()
    .trim()
    .maxLength(20)
    .transform((value, field) => {
      const normalized = normalizePhone(value)
      if (!normalized) {
        field.report('The phone field must be a valid mobile number', 'phone', field)
        return value
      }
      return normalized
    })

export const guestSignInValidator = vine.create({
  deviceId: vine
    .string()
    .trim()
    .minLength(8)
    .maxLength(128)
    .regex(/^[A-Za-z0-9._:-]+$/),
  platform: vine.enum(PLATFORMS),
})

export const smsCodeValidator = vine.create({ phone: phone() })

export const phoneSignInValidator = vine.create({
  phone: phone(),
  code: vine
    .string()
    .trim()
    .regex(/^\d{6}$/),
  platform: vine.enum(PLATFORMS).optional(),
})

export const wechatCodeValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(256),
})

export const adminLoginValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(128),
})

const nickname = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(20)
    .regex(/^[^\p{Cc}\p{Cf}]+$/u)

export const updateProfileValidator = vine.create({
  nickname: nickname().optional(),
  settings: vine
    .object({
      autoUnlock: vine.boolean({ strict: true }).optional(),
      danmuEnabled: vine.boolean({ strict: true }).optional(),
      playbackSpeed: vine
        .number({ strict: true })
        .in([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3])
        .optional(),
      preferredQuality: vine.enum(['auto', '480p', '720p', '1080p'] as const).optional(),
    })
    .optional(),
})

export const listViewersValidator = vine.create({
  q: vine.string().trim().maxLength(64).optional(),
  status: vine.enum(['active', 'banned'] as const).optional(),
  platform: vine.enum(PLATFORMS).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.number().withoutDecimals().positive().optional(),
})

export const banValidator = vine.create({
  reason: vine.string().trim().minLength(2).maxLength(200),
})

const password = () => vine.string().minLength(10).maxLength(128)
const roles = () => vine.array(vine.enum(ADMIN_ROLES)).minLength(1).distinct()

export const createAdminValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  name: vine.string().trim().minLength(1).maxLength(64),
  roles: roles(),
  password: password(),
})

export const updateAdminValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(64).optional(),
  roles: roles().optional(),
  status: vine.enum(['active', 'disabled'] as const).optional(),
  password: password().optional(),
})

/** An ISO-8601 date or date-time (2026-11-21 or 2026-11-21T08:00:00Z), as a Date. */
const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/)
    .transform((value) => new Date(value))

export const auditSearchValidator = vine.create({
  action: vine.string().trim().maxLength(64).optional(),
  actorType: vine.enum(['admin', 'user', 'system'] as const).optional(),
  actorId: vine.number().withoutDecimals().positive().optional(),
  targetType: vine.string().trim().maxLength(32).optional(),
  targetId: vine.string().trim().maxLength(64).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.number().withoutDecimals().positive().optional(),
})
