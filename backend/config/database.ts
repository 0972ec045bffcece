import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import pg from 'pg'

// bigint ids and counts as numbers, as SQLite returns them (they stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

const migrations = { naturalSort: true, paths: ['database/migrations'] }
const seeders = { paths: ['database/seeders'] }

/** SQLite is the embedded development default; DATABASE_URL is a file path relative to backend/. */
function sqliteFile() {
  const url = env.get('DB_CONNECTION') === 'sqlite' ? env.get('DATABASE_URL') : undefined
  const file = url || 'tmp/duanju.sqlite3'
  const path = file.startsWith('/') ? file : app.makePath(file)
  // SQLite creates the file but not its folder (tmp/ does not exist in a fresh clone).
  if (env.get('DB_CONNECTION') === 'sqlite') mkdirSync(dirname(path), { recursive: true })
  return path
}

export default defineConfig({
  connection: env.get('DB_CONNECTION'),
  prettyPrintDebugQueries: false,
  connections: {
    pg: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
      migrations,
      seeders,
    },
    sqlite: {
      client: 'better-sqlite3',
      connection: { filename: sqliteFile() },
      useNullAsDefault: true,
      // One writer at a time on SQLite: WAL keeps readers unblocked, busy_timeout queues writers.
      pool: {
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          conn.pragma('journal_mode = WAL')
          conn.pragma('busy_timeout = 5000')
          conn.pragma('foreign_keys = ON')
          done(null, conn)
        },
      },
      migrations,
      seeders,
    },
  },
})
