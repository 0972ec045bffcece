import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessTokenDbColumns } from '@adonisjs/auth/types/access_tokens'
import { NearMap } from '#core/cache/near_map'
import { mainRedis } from '#core/cache/main_redis'

/**
 * What every authenticated request looks up before it does its own work — the access-token row
 * and the account row — kept in this process for a short time. Without it a signed-in request
 * costs three database statements up front (token select, `last_used_at` update, account select).
 *
 * Coherence:
 * - entries live at most `AUTH_CACHE_SECONDS` (default 30 s, 0 turns the cache off);
 * - whatever revokes tokens or changes an account calls `forgetTokens…`/`forgetAccount`, which
 *   clears the entries here at once and tells every other process over Redis pub/sub, so a
 *   logout, a ban or a revoked session takes effect everywhere within milliseconds (a lost
 *   message is still bounded by the TTL);
 * - inside a transaction the same is done again after the commit, so a request that read the
 *   old row between the change and the commit cannot keep it;
 * - a load that was in flight when an invalidation happened does not store what it read (an
 *   epoch counter), so an invalidation is never overwritten by an older read.
 */
/** A row of an access-token table, as the package reads it. */
export type TokenRow = AccessTokenDbColumns

type Message =
  | { kind: 'token'; table: string; id: string }
  | { kind: 'owner'; table: string; ownerId: string }
  | { kind: 'account'; table: string; id: string }

const MAX_ENTRIES = 20_000
const tokens = new NearMap<TokenRow>(MAX_ENTRIES)
const accounts = new NearMap<Record<string, unknown>>(MAX_ENTRIES)
let epoch = 0

function ttlMs() {
  return env.get('AUTH_CACHE_SECONDS', 30) * 1000
}

function apply(message: Message) {
  epoch++
  if (message.kind === 'token') tokens.delete(`${message.table}:${message.id}`)
  else if (message.kind === 'account') accounts.delete(`${message.table}:${message.id}`)
  else {
    // Keys are `table:id`; viewers and staff have token tables whose ids overlap.
    const prefix = `${message.table}:`
    tokens.deleteWhere(
      (row, key) => key.startsWith(prefix) && String(row.tokenable_id) === message.ownerId
    )
  }
}

// ---- the other processes ------------------------------------------------------------------------

const channel = () => `${env.get('REDIS_PREFIX', 'duanju:')}auth-cache`
let subscribed = false

/** Listens for other processes' invalidations; only processes that cache anything subscribe. */
function listen() {
  if (subscribed || !env.get('REDIS_URL')) return
  subscribed = true
  mainRedis()
    .then((redis) =>
      redis.subscribe(channel(), (payload: string) => {
        try {
          apply(JSON.parse(payload) as Message)
        } catch (err) {
          logger.warn({ err }, 'auth cache: unreadable invalidation message')
        }
      })
    )
    .catch((err) => {
      subscribed = false
      logger.warn({ err }, 'auth cache: could not subscribe to invalidations')
    })
}

function broadcast(message: Message) {
  apply(message)
  if (!env.get('REDIS_URL')) return
  mainRedis()
    .then((redis) => redis.publish(channel(), JSON.stringify(message)))
    .catch((err) => logger.warn({ err }, 'auth cache: could not publish an invalidation'))
}

/** Now, and once more after the commit when a transaction is involved. */
function invalidate(message: Message, trx?: TransactionClientContract | null) {
  broadcast(message)
  trx?.after('commit', () => broadcast(message))
}

/** A fresh entry, else `load` — stored unless an invalidation happened while it loaded. */
async function readThrough<T>(map: NearMap<T>, key: string, load: () => Promise<T | null>) {
  const ttl = ttlMs()
  const hit = ttl > 0 ? map.get(key) : undefined
  if (hit) return hit
  const startedAt = epoch
  const row = await load()
  if (row && ttl > 0 && startedAt === epoch) {
    listen()
    map.set(key, row, ttl)
  }
  return row
}

// ---- the API ------------------------------------------------------------------------------------

export const authCache = {
  /** The token row for `table:id`, from this process when fresh, else from `load`. */
  token(table: string, id: string, load: () => Promise<TokenRow | null>) {
    return readThrough(tokens, `${table}:${id}`, load)
  },

  /** The raw account row for `table:id`, from this process when fresh, else from `load`. */
  account(table: string, id: string, load: () => Promise<Record<string, unknown> | null>) {
    return readThrough(accounts, `${table}:${id}`, load)
  },

  forgetToken(table: string, id: string | number | BigInt, trx?: TransactionClientContract | null) {
    invalidate({ kind: 'token', table, id: String(id) }, trx)
  },

  forgetTokensOf(
    table: string,
    ownerId: string | number | BigInt,
    trx?: TransactionClientContract | null
  ) {
    invalidate({ kind: 'owner', table, ownerId: String(ownerId) }, trx)
  },

  forgetAccount(table: string, id: string | number, trx?: TransactionClientContract | null) {
    invalidate({ kind: 'account', table, id: String(id) }, trx)
  },
}
