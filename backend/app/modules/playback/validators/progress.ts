import vine from '@vinejs/vine'

/** `POST /api/v1/episodes/:id/progress`: where the player is, sent every 10 s and on pause/end. */
export const progressValidator = vine.create({
  positionSec: vine.number().min(0).max(86_400),
  durationSec: vine.number().min(0).max(86_400),
  event: vine.enum(['heartbeat', 'ended'] as const),
})
