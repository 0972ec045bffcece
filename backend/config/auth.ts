import { defineConfig } from '@adonisjs/auth'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import { CachedTokensUserProvider } from '#core/auth/cached_token_providers'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/**
 * Viewers (`api`) and staff (`admin`) are different tables with different tokens. Token and
 * account lookups go through the auth cache (app/core/auth/auth_cache.ts).
 */
const authConfig = defineConfig({
  default: 'api',
  guards: {
    api: tokensGuard({
      provider: new CachedTokensUserProvider({
        tokens: 'accessTokens',
        model: () => import('#modules/users/models/user'),
      }),
    }),
    admin: tokensGuard({
      provider: new CachedTokensUserProvider({
        tokens: 'accessTokens',
        model: () => import('#modules/users/models/admin_user'),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
