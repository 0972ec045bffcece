import { createReadStream, createWriteStream } from 'node:fs'
import {
  copyFile,
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  unlink,
  writeFile,
  rename,
} from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  assertValidKey,
  type PutOptions,
  type StorageDriver,
  type StorageHealth,
  type StoredObject,
} from '#core/storage/types'

/**
 * Files under one root folder (the development default). Writes go to a temporary name and
 * are renamed into place, so a reader never sees half a file.
 */
export class LocalStorageDriver implements StorageDriver {
  readonly driver = 'local' as const

  constructor(private root: string) {}

  #path(key: string) {
    assertValidKey(key)
    return join(this.root, ...key.split('/'))
  }

  async #atomicWrite(key: string, write: (tmp: string) => Promise<void>): Promise<StoredObject> {
    const target = this.#path(key)
    await mkdir(dirname(target), { recursive: true })
    const tmp = `${target}.${randomUUID()}.partial`
    try {
      await write(tmp)
      await rename(tmp, target)
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
    return (await this.stat(key))!
  }

  put(key: string, body: Buffer | string | Readable, _options?: PutOptions) {
    return this.#atomicWrite(key, async (tmp) => {
      if (body instanceof Readable) await pipeline(body, createWriteStream(tmp))
      else await writeFile(tmp, body)
    })
  }

  putFile(key: string, filePath: string, _options?: PutOptions) {
    return this.#atomicWrite(key, (tmp) => copyFile(filePath, tmp))
  }

  async getStream(key: string): Promise<Readable> {
    const path = this.#path(key)
    await stat(path)
    return createReadStream(path)
  }

  getBuffer(key: string) {
    return readFile(this.#path(key))
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.#path(key))
      if (!info.isFile()) return null
      return { key, size: info.size, lastModified: info.mtime }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async exists(key: string) {
    return (await this.stat(key)) !== null
  }

  async delete(key: string) {
    await unlink(this.#path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const base = prefix.replace(/\/+$/, '')
    const dir = base ? this.#path(base) : this.root
    const found: StoredObject[] = []
    const walk = async (folder: string) => {
      let entries
      try {
        entries = await readdir(folder, { withFileTypes: true })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
        throw error
      }
      for (const entry of entries) {
        const full = join(folder, entry.name)
        if (entry.isDirectory()) await walk(full)
        else if (entry.isFile() && !entry.name.endsWith('.partial')) {
          const info = await stat(full)
          found.push({
            key: relative(this.root, full).split(sep).join('/'),
            size: info.size,
            lastModified: info.mtime,
          })
        }
      }
    }
    await walk(dir)
    return found.sort((a, b) => a.key.localeCompare(b.key))
  }

  async deletePrefix(prefix: string) {
    const objects = await this.list(prefix)
    await Promise.all(objects.map((object) => this.delete(object.key)))
    const base = prefix.replace(/\/+$/, '')
    if (base) await rm(this.#path(base), { recursive: true, force: true })
    return objects.length
  }

  async health(): Promise<StorageHealth> {
    const key = `.health/${process.pid}-${randomUUID()}`
    try {
      await this.put(key, 'ok')
      const back = await this.getBuffer(key)
      await this.delete(key)
      if (back.toString() !== 'ok')
        return { driver: 'local', ok: false, message: 'read back a different value' }
      return { driver: 'local', ok: true }
    } catch (error) {
      return { driver: 'local', ok: false, message: (error as Error).message }
    }
  }
}
