import vine from '@vinejs/vine'

export const ledgerValidator = vine.create({
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.number().withoutDecimals().positive().optional(),
})

const coins = () => vine.number().withoutDecimals().range([1, 10_000_000])

export const grantValidator = vine.create({
  paid: coins().optional(),
  bonus: coins().optional(),
  bonusExpiresInDays: vine.number().withoutDecimals().range([1, 3650]).optional(),
  reason: vine.string().trim().minLength(2).maxLength(200),
})

export const deductValidator = vine.create({
  amount: coins(),
  reason: vine.string().trim().minLength(2).maxLength(200),
})
