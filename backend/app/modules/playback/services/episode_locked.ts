import { AppError } from '#core/exceptions/app_error'

/**
 * `402 EPISODE_LOCKED` with what it takes to unlock, the same for every playback endpoint
 * (`/play` and `/progress`), so a client can show the unlock panel from either answer.
 */
export function episodeLocked(
  episodeId: number,
  view: { priceCoins: number | null; seriesPriceCoins: number | null }
) {
  return new AppError(402, 'EPISODE_LOCKED', 'Unlock this episode to watch it', {
    episodeId,
    unlockOptions: {
      priceCoins: view.priceCoins,
      seriesPriceCoins: view.seriesPriceCoins,
      methods: ['coins'],
    },
  })
}
