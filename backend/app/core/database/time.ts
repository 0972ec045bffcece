import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A time as the database stores it, for raw queries (writes and comparisons). Lucid models
 * write `dialect.dateTimeFormat` text (`yyyy-MM-dd HH:mm:ss` in UTC on SQLite, ISO with offset on
 * PostgreSQL); a JS Date would land on SQLite as a number that neither models nor text
 * comparisons understand.
 */
export function dbTime(value: DateTime | Date = DateTime.utc()): string {
  const dt = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dt.toUTC().toFormat(db.connection().dialect.dateTimeFormat)
}

/** A time read from a raw row (Date from pg, text from SQLite), as a UTC DateTime. */
export function fromDb(value: unknown): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  if (typeof value === 'number') return DateTime.fromMillis(value, { zone: 'utc' })
  const text = String(value)
  const iso = DateTime.fromISO(text, { zone: 'utc' })
  return iso.isValid ? iso : DateTime.fromSQL(text, { zone: 'utc' })
}
