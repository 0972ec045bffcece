import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  AccessToken,
  AccessTokensLucidUserProvider,
  DbAccessTokensProvider,
} from '@adonisjs/auth/access_tokens'
import type { LucidTokenable } from '@adonisjs/auth/types/access_tokens'
import { authCache, type TokenRow } from '#core/auth/auth_cache'

/** `last_used_at` is written at most this often per token (it is a "recently active" hint). */
const TOUCH_EVERY_MS = 60_000

/**
 * Database access tokens (the package's provider) with the lookup every request makes served by
 * `authCache`, and every way of deleting tokens invalidating it. Code that revokes tokens goes
 * through `revoke`/`revokeAll` here, never through a raw delete, so no revoked token outlives
 * its row.
 */
export class CachedAccessTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  static override forModel<TokenableModel extends LucidModel>(
    model: TokenableModel,
    options: { table: string; prefix?: string; expiresIn?: string | number; type?: string }
  ) {
    return new CachedAccessTokensProvider<TokenableModel>({ tokenableModel: model, ...options })
  }

  override async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const row = await authCache.token(this.table, String(decoded.identifier), async () => {
      const found = await (
        await this.getDb()
      )
        .query()
        .from(this.table)
        .where({ id: decoded.identifier, type: this.type })
        .limit(1)
        .first()
      return (found as TokenRow | null) ?? null
    })
    if (!row || row.type !== this.type) return null
    const accessToken = this.dbRowToAccessToken(row)
    if (!accessToken.verify(decoded.secret) || accessToken.isExpired()) return null
    await this.#touch(row)
    return accessToken
  }

  /** Records use at most once a minute; the cached row carries the time of the last write. */
  async #touch(row: TokenRow) {
    const last = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
    const now = new Date()
    if (now.getTime() - last < TOUCH_EVERY_MS) return
    row.last_used_at = now
    await (
      await this.getDb()
    )
      .from(this.table)
      .where({ id: row.id, type: row.type })
      .update({ last_used_at: now })
  }

  override async delete(user: InstanceType<TokenableModel>, identifier: string | number | BigInt) {
    const deleted = await super.delete(user, identifier)
    authCache.forgetToken(this.table, identifier)
    return deleted
  }

  override async deleteAll(user: InstanceType<TokenableModel>) {
    const deleted = await super.deleteAll(user)
    authCache.forgetTokensOf(this.table, user.$primaryKeyValue as number)
    return deleted
  }

  override async invalidate(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    const deleted = await super.invalidate(tokenValue)
    if (decoded) authCache.forgetToken(this.table, decoded.identifier)
    return deleted
  }

  /** Deletes one token of an owner (sign-out). */
  async revoke(
    ownerId: number,
    tokenId: string | number | BigInt,
    trx?: TransactionClientContract
  ) {
    const client = trx ?? (await this.getDb())
    await client
      .from(this.table)
      .where({ tokenable_id: ownerId, id: String(tokenId) })
      .delete()
    authCache.forgetToken(this.table, tokenId, trx)
  }

  /** Deletes every token of an owner (ban, merge, password or role change). */
  async revokeAll(ownerId: number, trx?: TransactionClientContract) {
    const client = trx ?? (await this.getDb())
    await client.from(this.table).where('tokenable_id', ownerId).delete()
    authCache.forgetTokensOf(this.table, ownerId, trx)
  }
}

/**
 * The guard's account lookup through `authCache`: the raw row is cached, and every request gets
 * its own model instance built from it (`$createFromAdapterResult`), so nothing mutable is
 * shared between requests. Models invalidate it from their `afterSave`/`afterDelete` hooks
 * (`forgetCachedAccount`).
 */
export class CachedTokensUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  override async findById(identifier: string | number | BigInt) {
    const model = await this.getModel()
    const row = await authCache.account(model.table, String(identifier), async () => {
      const found = await model
        .query()
        .where(model.primaryKey, identifier as number)
        .pojo<Record<string, unknown>>()
        .first()
      return found ?? null
    })
    if (!row) return null
    const user = model.$createFromAdapterResult(ownCopy(row))
    if (!user) return null
    return this.createUserForGuard(user as InstanceType<UserModel>)
  }
}

/**
 * A copy of the row for one request: pg hands json columns back as objects, which a request
 * could change in place; dates and scalars are not changed in place and are shared.
 */
function ownCopy(row: Record<string, unknown>) {
  const copy: Record<string, unknown> = {}
  for (const key in row) {
    const value = row[key]
    copy[key] =
      value !== null && typeof value === 'object' && !(value instanceof Date)
        ? structuredClone(value)
        : value
  }
  return copy
}

/** For models' `afterSave`/`afterDelete` hooks: the cached account row is stale now. */
export function forgetCachedAccount(
  model: { table: string },
  id: number,
  trx?: TransactionClientContract
) {
  authCache.forgetAccount(model.table, id, trx)
}
