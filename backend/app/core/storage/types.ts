import type { Readable } from 'node:stream'

export interface StoredObject {
  key: string
  size: number
  contentType?: string
  lastModified?: Date
}

export interface PutOptions {
  contentType?: string
}

export interface StorageHealth {
  driver: 'local' | 'oss'
  ok: boolean
  message?: string
}

/**
 * Where media, covers and uploads live. Keys are stable, slash-separated paths
 * (`dramas/<id>/episodes/<id>/...`); nothing stored is public, reads go through signed URLs
 * or the API.
 */
export interface StorageDriver {
  readonly driver: 'local' | 'oss'
  put(key: string, body: Buffer | string | Readable, options?: PutOptions): Promise<StoredObject>
  putFile(key: string, filePath: string, options?: PutOptions): Promise<StoredObject>
  getStream(key: string): Promise<Readable>
  getBuffer(key: string): Promise<Buffer>
  stat(key: string): Promise<StoredObject | null>
  exists(key: string): Promise<boolean>
  delete(key: string): Promise<void>
  /** Deletes every object whose key starts with `prefix` (used to clean partial outputs). */
  deletePrefix(prefix: string): Promise<number>
  list(prefix: string): Promise<StoredObject[]>
  health(): Promise<StorageHealth>
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key "${key}"`)
    this.name = 'InvalidStorageKeyError'
  }
}

/** Keys are relative, slash-separated, without `..`, empty segments or backslashes. */
export function assertValidKey(key: string) {
  if (
    !key ||
    key.length > 1024 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new InvalidStorageKeyError(key)
  }
}
