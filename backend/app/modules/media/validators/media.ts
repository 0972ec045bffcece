import vine from '@vinejs/vine'
import { UPLOAD_PURPOSES } from '#modules/media/models/media_upload'

export const initUploadValidator = vine.create({
  filename: vine.string().trim().minLength(1).maxLength(255),
  sizeBytes: vine.number().withoutDecimals().min(0),
  contentType: vine.string().trim().toLowerCase().minLength(3).maxLength(100),
  sha256: vine
    .string()
    .trim()
    .regex(/^[\dA-Fa-f]{64}$/)
    .nullable()
    .optional(),
  purpose: vine.enum(UPLOAD_PURPOSES),
  dramaId: vine.number().withoutDecimals().positive(),
  episodeId: vine.number().withoutDecimals().positive().nullable().optional(),
  episodeNumber: vine.number().withoutDecimals().range([1, 9999]).nullable().optional(),
})

export const applyProposalsValidator = vine.create({
  episodeIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(1000).optional(),
})

export const watermarkValidator = vine.create({
  kind: vine.enum(['none', 'text', 'image'] as const),
  text: vine.string().trim().minLength(1).maxLength(40).nullable().optional(),
  position: vine.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const),
  opacity: vine.number().range([0.1, 1]).optional(),
})
