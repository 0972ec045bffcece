import OSS from 'ali-oss'
import { randomUUID } from 'node:crypto'
import { stat as statFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { Readable, Transform, pipeline } from 'node:stream'
import {
  assertValidKey,
  InvalidStorageKeyError,
  type PutOptions,
  type StorageDriver,
  type StorageHealth,
  type StoredObject,
} from '#core/storage/types'

export interface OssStorageOptions {
  /** `oss-cn-hangzhou` or `cn-hangzhou` (the `oss-` prefix is added when missing). */
  region: string
  bucket: string
  accessKeyId: string
  accessKeySecret: string
  /** Overrides the region's public endpoint (VPC endpoint, accelerated endpoint, bound domain). */
  endpoint?: string
  /** https (default) or http when the endpoint or region carries no scheme. */
  secure?: boolean
  /** The endpoint is a domain bound to the bucket, so the host gets no `<bucket>.` prefix. */
  cname?: boolean
  /** Per-request timeout (each part of a multipart upload is one request). */
  timeoutMs?: number
  /** Files larger than this go through a multipart upload. */
  multipartThresholdBytes?: number
  partSizeBytes?: number
  parallelParts?: number
}

export interface SignedUrlOptions {
  method?: 'GET' | 'PUT'
  /** For PUT: the uploader must send exactly this Content-Type, it is part of the signature. */
  contentType?: string
}

/** What ali-oss throws: an Error (or, for cancelled uploads, a plain object) with OSS details. */
interface AliOssFailure {
  name?: string
  message?: string
  code?: string
  status?: number
  requestId?: string
}

export class OssStorageError extends Error {
  /** OSS error code (`NoSuchKey`, `AccessDenied`, `SignatureDoesNotMatch`...) or the network error name. */
  readonly code: string | undefined
  readonly status: number | undefined
  readonly requestId: string | undefined

  constructor(operation: string, key: string | undefined, failure: AliOssFailure, cause: unknown) {
    const code = failure.code ?? failure.name ?? 'UnknownError'
    const status = typeof failure.status === 'number' ? failure.status : undefined
    const subject = key === undefined ? '' : ` "${key}"`
    const httpPart = status !== undefined && status > 0 ? ` (HTTP ${status})` : ''
    const requestPart = failure.requestId ? ` [request id ${failure.requestId}]` : ''
    // urllib appends socket-agent statistics to network errors; keep the first, useful line.
    const detail = (failure.message ?? 'no message')
      .split('\n')[0]!
      .replace(/ \(connected: .*$/, '')
    super(`OSS ${operation}${subject} failed: ${code}${httpPart}: ${detail}${requestPart}`, {
      cause,
    })
    this.name = 'OssStorageError'
    this.code = code
    this.status = status
    this.requestId = failure.requestId
  }

  get notFound() {
    return this.status === 404 && this.code === 'NoSuchKey'
  }
}

const MiB = 1024 * 1024
/** OSS refuses parts under 100 KiB (except the last one); ali-oss checks it too. */
const MIN_PART_SIZE = 100 * 1024
/** DeleteMultipleObjects takes at most 1000 keys. */
const DELETE_BATCH = 1000
const HEALTH_TIMEOUT_MS = 2500

function failureOf(error: unknown): AliOssFailure {
  return typeof error === 'object' && error !== null
    ? (error as AliOssFailure)
    : { message: String(error) }
}

function isMissingKey(error: unknown) {
  const failure = failureOf(error)
  return (
    failure.status === 404 && (failure.code === 'NoSuchKey' || failure.name === 'NoSuchKeyError')
  )
}

function headerDate(headers: object, name: string): Date | undefined {
  const value = (headers as Record<string, string | undefined>)[name]
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * Alibaba Cloud OSS through the official `ali-oss` client, for a private bucket: every request
 * is signed (V1 header signature) and reads by clients go through `signedUrl`.
 */
export class OssStorageDriver implements StorageDriver {
  readonly driver = 'oss' as const

  readonly #clientOptions: OSS.Options
  readonly #client: OSS
  readonly #bucket: string
  readonly #timeoutMs: number
  readonly #multipartThreshold: number
  readonly #partSize: number
  readonly #parallel: number

  constructor(options: OssStorageOptions) {
    for (const name of ['region', 'bucket', 'accessKeyId', 'accessKeySecret'] as const) {
      if (!options[name]?.trim()) throw new Error(`OSS storage needs "${name}"`)
    }
    this.#timeoutMs = options.timeoutMs ?? 60_000
    this.#multipartThreshold = options.multipartThresholdBytes ?? 16 * MiB
    this.#partSize = options.partSizeBytes ?? 8 * MiB
    this.#parallel = options.parallelParts ?? 4
    if (!Number.isInteger(this.#partSize) || this.#partSize < MIN_PART_SIZE) {
      throw new Error(`OSS part size must be an integer of at least ${MIN_PART_SIZE} bytes`)
    }
    if (!Number.isInteger(this.#parallel) || this.#parallel < 1) {
      throw new Error('OSS parallelParts must be a positive integer')
    }
    if (!(this.#timeoutMs > 0)) throw new Error('OSS timeoutMs must be positive')

    this.#bucket = options.bucket
    this.#clientOptions = {
      region: options.region.startsWith('oss-') ? options.region : `oss-${options.region}`,
      bucket: options.bucket,
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      // ali-oss defaults to plain http; a private bucket's traffic must not be.
      secure: options.secure ?? true,
      cname: options.cname ?? false,
      timeout: this.#timeoutMs,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    }
    this.#client = new OSS(this.#clientOptions)
  }

  async #run<T>(operation: string, key: string | undefined, action: () => Promise<T>): Promise<T> {
    try {
      return await action()
    } catch (error) {
      throw new OssStorageError(operation, key, failureOf(error), error)
    }
  }

  /**
   * ali-oss picks the Content-Type from `mime`, which may be a type or an extension; for file
   * uploads it would otherwise look at the local file's extension instead of the key's.
   */
  #mime(key: string, options?: PutOptions) {
    return options?.contentType ?? (extname(key) || undefined)
  }

  #stored(
    key: string,
    size: number,
    options: PutOptions | undefined,
    responseHeaders: object
  ): StoredObject {
    return {
      key,
      size,
      ...(options?.contentType ? { contentType: options.contentType } : {}),
      lastModified: headerDate(responseHeaders, 'date') ?? new Date(),
    }
  }

  async put(
    key: string,
    body: Buffer | string | Readable,
    options?: PutOptions
  ): Promise<StoredObject> {
    assertValidKey(key)
    const mime = this.#mime(key, options)
    if (body instanceof Readable) {
      let size = 0
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length
          done(null, chunk)
        },
      })
      // A failing source destroys the counter, which aborts the upload request.
      let sourceError: Error | undefined
      pipeline(body, counter, (error) => {
        if (error) sourceError = error
      })
      try {
        const result = await this.#client.putStream(key, counter, {
          mime,
          timeout: this.#timeoutMs,
        } as OSS.PutStreamOptions)
        return this.#stored(key, size, options, result.res.headers)
      } catch (error) {
        // Report why the upload stopped (the source), not how the socket noticed.
        const failure = sourceError
          ? { code: 'BodyStreamError', message: sourceError.message }
          : failureOf(error)
        throw new OssStorageError('put', key, failure, sourceError ?? error)
      }
    }
    // A string given to ali-oss would be read as a local file path.
    const content = typeof body === 'string' ? Buffer.from(body) : body
    const result = await this.#run('put', key, () =>
      this.#client.put(key, content, { mime, timeout: this.#timeoutMs })
    )
    return this.#stored(key, content.length, options, result.res.headers)
  }

  async putFile(key: string, filePath: string, options?: PutOptions): Promise<StoredObject> {
    assertValidKey(key)
    const { size } = await statFile(filePath)
    const mime = this.#mime(key, options)
    if (size <= this.#multipartThreshold) {
      const result = await this.#run('put', key, () =>
        this.#client.put(key, filePath, { mime, timeout: this.#timeoutMs })
      )
      return this.#stored(key, size, options, result.res.headers)
    }

    // A client of its own: ali-oss keeps the cancel flag that aborting sets on the client.
    const client = new OSS(this.#clientOptions)
    let uploadId: string | undefined
    try {
      const result = await client.multipartUpload(key, filePath, {
        mime,
        partSize: this.#partSize,
        parallel: this.#parallel,
        timeout: this.#timeoutMs,
        progress: (_done: number, checkpoint?: { uploadId?: string }) => {
          if (checkpoint?.uploadId) uploadId = checkpoint.uploadId
        },
      })
      return this.#stored(key, size, options, result.res.headers)
    } catch (error) {
      // Uploaded parts of an unfinished upload are billed until aborted.
      if (uploadId) await client.abortMultipartUpload(key, uploadId).catch(() => {})
      throw new OssStorageError('multipart upload', key, failureOf(error), error)
    }
  }

  async getStream(key: string): Promise<Readable> {
    assertValidKey(key)
    const result = await this.#run('get', key, () =>
      this.#client.getStream(key, { timeout: this.#timeoutMs })
    )
    return result.stream as Readable
  }

  async getBuffer(key: string): Promise<Buffer> {
    assertValidKey(key)
    const result = await this.#run('get', key, () =>
      this.#client.get(key, undefined, { timeout: this.#timeoutMs })
    )
    return result.content as Buffer
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertValidKey(key)
    let result: OSS.HeadObjectResult
    try {
      result = await this.#client.head(key, { timeout: this.#timeoutMs })
    } catch (error) {
      if (isMissingKey(error)) return null
      throw new OssStorageError('head', key, failureOf(error), error)
    }
    const headers = result.res.headers as Record<string, string | undefined>
    const contentType = headers['content-type']
    const lastModified = headerDate(headers, 'last-modified')
    return {
      key,
      size: Number(headers['content-length'] ?? 0),
      ...(contentType ? { contentType } : {}),
      ...(lastModified ? { lastModified } : {}),
    }
  }

  async exists(key: string) {
    return (await this.stat(key)) !== null
  }

  async delete(key: string) {
    assertValidKey(key)
    try {
      await this.#client.delete(key, { timeout: this.#timeoutMs })
    } catch (error) {
      if (!isMissingKey(error)) throw new OssStorageError('delete', key, failureOf(error), error)
    }
  }

  /**
   * Same meaning as the local driver: `a/b` (with or without a trailing slash) is the folder
   * `a/b/`, so `dramas/1` never matches `dramas/10/...`.
   */
  #folder(prefix: string) {
    const base = prefix.replace(/\/+$/, '')
    if (!base) return ''
    assertValidKey(base)
    return `${base}/`
  }

  async *#pages(folder: string): AsyncGenerator<OSS.ObjectMeta[]> {
    let token: string | undefined
    do {
      const query: OSS.ListV2ObjectsQuery = { 'prefix': folder, 'max-keys': 1000 }
      if (token) query['continuation-token'] = token
      const page = await this.#run('list', folder, () =>
        this.#client.listV2(query, { timeout: this.#timeoutMs })
      )
      yield page.objects ?? []
      if (page.isTruncated && !page.nextContinuationToken) {
        throw new OssStorageError(
          'list',
          folder,
          { code: 'InvalidResponse', message: 'truncated page without a continuation token' },
          undefined
        )
      }
      token = page.isTruncated ? page.nextContinuationToken : undefined
    } while (token)
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = []
    for await (const page of this.#pages(this.#folder(prefix))) {
      for (const object of page) {
        // Zero-byte "folder" placeholders made by the OSS console are not files.
        if (object.name.endsWith('/')) continue
        found.push({
          key: object.name,
          size: Number(object.size),
          lastModified: new Date(object.lastModified),
        })
      }
    }
    return found.sort((a, b) => a.key.localeCompare(b.key))
  }

  /** Refuses an empty prefix: on a shared bucket that would wipe everything. */
  async deletePrefix(prefix: string) {
    const folder = this.#folder(prefix)
    if (!folder) throw new InvalidStorageKeyError(prefix)
    let deleted = 0
    // Continuation tokens point past the last listed key, so deleting a page does not skip any.
    for await (const page of this.#pages(folder)) {
      for (let start = 0; start < page.length; start += DELETE_BATCH) {
        const names = page.slice(start, start + DELETE_BATCH).map((object) => object.name)
        const result = await this.#run('delete-multiple', folder, () =>
          this.#client.deleteMulti(names, { quiet: false, timeout: this.#timeoutMs })
        )
        deleted += result.deleted?.length ?? names.length
      }
    }
    return deleted
  }

  /**
   * A URL that lets its holder GET (or PUT) one object until it expires, without credentials
   * (OSS V1 query signature: `OSSAccessKeyId`, `Expires`, `Signature`).
   */
  signedUrl(key: string, expiresInSec: number, options: SignedUrlOptions = {}): string {
    assertValidKey(key)
    if (!Number.isInteger(expiresInSec) || expiresInSec <= 0) {
      throw new RangeError(
        `signed URL lifetime must be a positive whole number of seconds, got ${expiresInSec}`
      )
    }
    return this.#client.signatureUrl(key, {
      expires: expiresInSec,
      method: options.method ?? 'GET',
      ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
    })
  }

  async health(): Promise<StorageHealth> {
    const key = `.health/${process.pid}-${randomUUID()}`
    const timeout = Math.min(this.#timeoutMs, HEALTH_TIMEOUT_MS)
    try {
      await this.#run('put', key, () =>
        this.#client.put(key, Buffer.from('ok'), { mime: 'text/plain', timeout })
      )
      const back = await this.#run('get', key, () => this.#client.get(key, undefined, { timeout }))
      await this.#run('delete', key, () => this.#client.delete(key, { timeout }))
      if (String(back.content) !== 'ok') {
        return {
          driver: 'oss',
          ok: false,
          message: `bucket "${this.#bucket}" read back a different value`,
        }
      }
      return { driver: 'oss', ok: true, message: `bucket "${this.#bucket}" read/write ok` }
    } catch (error) {
      return { driver: 'oss', ok: false, message: (error as Error).message }
    }
  }
}
