import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'

export const ADMIN_ROOT = join(import.meta.dirname, '..', '..', '..')

/** Production build of the admin pointed at `apiBase`, into a fresh temporary folder. */
export async function buildAdmin(apiBase: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'duanju-admin-e2e-'))
  // Vite reads VITE_* variables from the environment before .env files.
  process.env.VITE_API_BASE = apiBase
  await build({
    root: ADMIN_ROOT,
    configFile: join(ADMIN_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: Infinity },
  })
  return outDir
}
