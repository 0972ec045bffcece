import vine from '@vinejs/vine'
import { PLATFORMS } from '#modules/users/platforms'

export const guestSignInValidator = vine.create({
  deviceId: vine
    .string()
    .trim()
    .minLength(8)
    .maxLength(128)
    .regex(/^[A-Za-z0-9._:-]+$/),
  platform: vine.enum(PLATFORMS),
})

export const adminLoginValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(128),
})
