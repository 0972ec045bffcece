import type { CompletedUpload, CreateUploadInput, UploadSession } from '@/api/uploads'

/**
 * The upload engine behind "批量上传": files cut into the server's chunks, each chunk hashed
 * (SHA-256, sent as X-Chunk-Sha256) and sent in order, a few files at a time. Chunks the server
 * already holds are skipped, so a paused, failed or interrupted upload carries on where it stopped,
 * even after a reload (the server recognises the same file and answers the chunks it has).
 * Framework-free: the admin wraps it in a composable; tests drive it with a fake fetch.
 */

/** The API calls the engine needs (see api/uploads.ts). A rejection carries `status` and `code`. */
export interface UploadTransport {
  create(input: CreateUploadInput, signal?: AbortSignal): Promise<UploadSession>
  putChunk(uploadId: string, index: number, bytes: Uint8Array<ArrayBuffer>, sha256: string, signal?: AbortSignal): Promise<number[]>
  /** Completing a completed upload answers its result again (a retry after a lost answer is safe). */
  complete(uploadId: string, signal?: AbortSignal): Promise<CompletedUpload>
  cancel(uploadId: string): Promise<void>
}

/** An error as the HTTP client raises it (ApiError) without depending on it. */
export interface ErrorLike {
  status: number
  code: string
  message: string
  details?: Record<string, unknown> | undefined
}

export function isErrorLike(value: unknown): value is ErrorLike {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return typeof candidate.status === 'number' && typeof candidate.code === 'string' && typeof candidate.message === 'string'
}

/** Worth sending again as it is: the network, the server's own trouble, or bytes damaged on the way. */
export function isTransient(error: unknown): boolean {
  if (!isErrorLike(error)) return false
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500 || error.code === 'CHUNK_CHECKSUM_MISMATCH'
}

/** Codes after which the same file can still go through: starting over with a new upload helps. */
const RESTARTABLE_CODES = new Set(['UPLOAD_NOT_ACTIVE', 'UPLOAD_INCOMPLETE', 'CHUNK_SIZE_MISMATCH', 'CHUNK_CHECKSUM_MISMATCH'])

export interface UploadFailure {
  /** The API's error code (NETWORK_ERROR, MEDIA_INVALID, UNSUPPORTED_MEDIA_TYPE, ...). */
  code: string
  status: number
  /** `details.reason` of MEDIA_INVALID. */
  reason: string | null
  /** The server's own wording, for codes the admin has no text for. */
  message: string
  /** The size limit a PAYLOAD_TOO_LARGE answer names. */
  maxBytes: number | null
  /** Whether "retry" can help; a file the server refused (bad media, wrong type, too large) cannot. */
  retryable: boolean
}

export function toFailure(error: unknown): UploadFailure {
  if (!isErrorLike(error)) {
    return { code: 'UNKNOWN', status: 0, reason: null, message: error instanceof Error ? error.message : String(error), maxBytes: null, retryable: true }
  }
  const { reason, maxBytes } = error.details ?? {}
  return {
    code: error.code,
    status: error.status,
    reason: typeof reason === 'string' ? reason : null,
    message: error.message,
    maxBytes: typeof maxBytes === 'number' ? maxBytes : null,
    retryable: isTransient(error) || RESTARTABLE_CODES.has(error.code),
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' })

/** File names in the order people number them: "第2集.mp4" before "第10集.mp4". */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b)
}

/** Byte range [start, end) of chunk `index`: every chunk is `chunkSize` bytes but the last. */
export function chunkRange(index: number, chunkSize: number, sizeBytes: number): [number, number] {
  const start = index * chunkSize
  return [start, Math.min(sizeBytes, start + chunkSize)]
}

/** How many bytes the chunks in `received` hold. */
export function receivedBytes(received: ReadonlySet<number>, chunkSize: number, sizeBytes: number): number {
  let total = 0
  for (const index of received) {
    const [start, end] = chunkRange(index, chunkSize, sizeBytes)
    if (end > start) total += end - start
  }
  return total
}

export interface NumberedRow {
  /** The number the row's upload was created with; null while it has not started. */
  locked: number | null
  /** A row that never started and failed (an empty file) takes no number. */
  failed: boolean
}

/**
 * The episode number of each row, in list order. A started row keeps the number its upload was
 * created with; the others take the next free numbers from `start` on, in the order they are
 * listed, skipping numbers held by started rows and `reserved` ones (finished rows cleared from the
 * list), so dragging a waiting row changes only the numbers of waiting rows.
 */
export function assignEpisodeNumbers(rows: readonly NumberedRow[], start: number, reserved: ReadonlySet<number> = new Set()): (number | null)[] {
  const taken = new Set(reserved)
  for (const row of rows) if (row.locked !== null) taken.add(row.locked)
  let next = start
  return rows.map((row) => {
    if (row.locked !== null) {
      next = Math.max(next, row.locked + 1)
      return row.locked
    }
    if (row.failed) return null
    while (taken.has(next)) next++
    return next++
  })
}

// ---------------------------------------------------------------------------------------------
// One file: create (or find) the upload, send the missing chunks in order, complete.

export interface RetryInfo {
  attempt: number
  of: number
}

export interface FileUploadOptions {
  transport: UploadTransport
  /** Aborting stops the upload where it is (the server keeps what it received). */
  signal?: AbortSignal
  /** Waits before each new attempt of a transiently failed request; its length is the number of retries. */
  retryDelaysMs?: readonly number[]
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** The server's session, once known. */
  onSession?(session: UploadSession): void
  /** After every chunk: the indexes the server holds. */
  onProgress?(received: ReadonlySet<number>, session: UploadSession): void
  /** Sending again after a transient failure (null once a request went through). */
  onRetry?(retry: RetryInfo | null): void
  onCompleting?(): void
}

export const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const

export type UploadTarget = Omit<CreateUploadInput, 'filename' | 'sizeBytes' | 'contentType'>

/** Uploads `file` for `target`. Rejects with the API error that ended it, or with the signal's reason when aborted. */
export async function uploadFile(file: File, target: UploadTarget, options: FileUploadOptions): Promise<CompletedUpload> {
  const signal = options.signal ?? new AbortController().signal
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const sleep = options.sleep ?? abortableSleep
  const { transport } = options

  let retrying = false
  async function attempt<T>(request: () => Promise<T>): Promise<T> {
    for (let index = 0; ; index++) {
      try {
        const result = await request()
        if (retrying) {
          retrying = false
          options.onRetry?.(null)
        }
        return result
      } catch (error) {
        if (signal.aborted || !isTransient(error) || index >= delays.length) throw error
        retrying = true
        options.onRetry?.({ attempt: index + 1, of: delays.length })
        await sleep(delays[index] ?? 0, signal)
      }
    }
  }

  const session = await attempt(() =>
    transport.create({ ...target, filename: file.name, sizeBytes: file.size, contentType: file.type || 'application/octet-stream' }, signal),
  )
  options.onSession?.(session)
  let received = new Set(session.uploadedChunks)
  options.onProgress?.(received, session)

  const sendMissing = async () => {
    for (let index = 0; index < session.totalChunks; index++) {
      if (received.has(index)) continue
      if (signal.aborted) throw signal.reason
      const [start, end] = chunkRange(index, session.chunkSize, file.size)
      const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer())
      const sha256 = await sha256Hex(bytes)
      const uploaded = await attempt(() => transport.putChunk(session.uploadId, index, bytes, sha256, signal))
      // The answer lists what the server holds; this chunk is among them.
      received = new Set(uploaded).add(index)
      options.onProgress?.(received, session)
    }
  }

  await sendMissing()
  // A chunk the server lost is sent again, twice at most, before giving up.
  for (let round = 0; ; round++) {
    if (signal.aborted) throw signal.reason
    options.onCompleting?.()
    try {
      return await attempt(() => transport.complete(session.uploadId, signal))
    } catch (error) {
      const missing = isErrorLike(error) && error.code === 'UPLOAD_INCOMPLETE' ? error.details?.missingChunks : undefined
      if (round >= 2 || !Array.isArray(missing)) throw error
      received = new Set([...received].filter((index) => !missing.includes(index)))
      options.onProgress?.(received, session)
      await sendMissing()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Many files: the batch of episodes.

export type UploadItemState = 'queued' | 'uploading' | 'paused' | 'completing' | 'done' | 'failed'

/** One file of the queue, as the screen shows it (a copy: changing it changes nothing). */
export interface UploadItem {
  key: string
  name: string
  size: number
  state: UploadItemState
  /** The episode number the file becomes; null for a file refused before it started. */
  episodeNumber: number | null
  /** Whether the number is fixed (the upload exists on the server), so the row can no longer move. */
  numberLocked: boolean
  uploadId: string | null
  uploadedBytes: number
  /** 0–1 */
  progress: number
  /** While waiting to send a request again after a transient failure. */
  retrying: RetryInfo | null
  error: UploadFailure | null
  result: CompletedUpload | null
}

export interface UploadQueueOptions {
  transport: UploadTransport
  dramaId: number
  /** The number of the first file (default 1). */
  startNumber?: number
  /** Files uploading at once (default 2); the chunks of one file always go one after another. */
  concurrency?: number
  retryDelaysMs?: readonly number[]
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Called after every change of any item. */
  onChange?: () => void
  /** Called once per finished file. */
  onCompleted?: (result: CompletedUpload, item: UploadItem) => void
}

interface Row {
  key: string
  file: File
  state: UploadItemState
  locked: number | null
  uploadId: string | null
  chunkSize: number
  received: ReadonlySet<number>
  retrying: RetryInfo | null
  error: UploadFailure | null
  result: CompletedUpload | null
  controller: AbortController | null
}

let keySeed = 0

/** The same file picked twice (name, size, modification time) is listed once. */
function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified
}

export class UploadQueue {
  readonly #options: UploadQueueOptions
  readonly #concurrency: number
  #rows: Row[] = []
  #startNumber: number
  /** Numbers of finished files cleared from the list: still taken. */
  #reserved = new Set<number>()
  #started = false
  #disposed = false

  constructor(options: UploadQueueOptions) {
    this.#options = options
    this.#concurrency = options.concurrency ?? 2
    this.#startNumber = options.startNumber ?? 1
  }

  get started(): boolean {
    return this.#started
  }

  get startNumber(): number {
    return this.#startNumber
  }

  /** Numbers every waiting file from `value` on; started files keep theirs. */
  set startNumber(value: number) {
    this.#startNumber = value
    this.#changed()
  }

  get items(): UploadItem[] {
    const numbers = assignEpisodeNumbers(
      this.#rows.map((row) => ({ locked: row.locked, failed: row.state === 'failed' })),
      this.#startNumber,
      this.#reserved,
    )
    return this.#rows.map((row, index) => this.#view(row, numbers[index] ?? null))
  }

  /** Adds files in natural name order after those already listed; empty files fail at once. Answers the new keys. */
  add(files: readonly File[]): string[] {
    const fresh = files.filter(
      (file, index) =>
        files.findIndex((other) => sameFile(other, file)) === index &&
        !this.#rows.some((row) => row.state !== 'failed' && sameFile(row.file, file)),
    )
    fresh.sort((a, b) => naturalCompare(a.name, b.name))
    const added = fresh.map((file): Row => {
      const empty = file.size === 0
      return {
        key: `upload-${++keySeed}`,
        file,
        state: empty ? 'failed' : 'queued',
        locked: null,
        uploadId: null,
        chunkSize: 0,
        received: new Set(),
        retrying: null,
        // The server would refuse it the same way, after a round trip.
        error: empty ? { code: 'MEDIA_INVALID', status: 422, reason: 'empty', message: 'The file is empty', maxBytes: null, retryable: false } : null,
        result: null,
        controller: null,
      }
    })
    this.#rows.push(...added)
    this.#changed()
    this.#pump()
    return added.map((row) => row.key)
  }

  /** Moves a file that has not started; started files keep their place and number. */
  move(from: number, to: number): boolean {
    const row = this.#rows[from]
    if (!row || row.locked !== null || to < 0 || to >= this.#rows.length || from === to) return false
    this.#rows.splice(from, 1)
    this.#rows.splice(to, 0, row)
    this.#changed()
    return true
  }

  start(): void {
    this.#started = true
    this.#changed()
    this.#pump()
  }

  pause(key: string): void {
    const row = this.#find(key)
    if (row?.state !== 'uploading' && row?.state !== 'queued') return
    row.state = 'paused'
    row.retrying = null
    row.controller?.abort()
    this.#changed()
  }

  resume(key: string): void {
    const row = this.#find(key)
    if (row?.state !== 'paused') return
    row.state = 'queued'
    this.#changed()
    this.#pump()
  }

  /** Every waiting and uploading file stops; a file being finished on the server completes. */
  pauseAll(): void {
    for (const row of this.#rows) if (row.state === 'queued' || row.state === 'uploading') this.pause(row.key)
  }

  resumeAll(): void {
    for (const row of this.#rows) if (row.state === 'paused') row.state = 'queued'
    this.#started = true
    this.#changed()
    this.#pump()
  }

  /** Starts a failed file again; the chunks the server kept are not sent twice. */
  retry(key: string): void {
    const row = this.#find(key)
    if (row?.state !== 'failed' || !row.error?.retryable) return
    row.state = 'queued'
    row.error = null
    this.#changed()
    this.#pump()
  }

  /** Drops a file from the list; an unfinished upload is cancelled on the server. */
  remove(key: string): void {
    const row = this.#find(key)
    if (!row) return
    this.#rows = this.#rows.filter((other) => other !== row)
    row.controller?.abort()
    if (row.state === 'done' && row.locked !== null) this.#reserved.add(row.locked)
    else if (row.uploadId !== null) void this.#options.transport.cancel(row.uploadId).catch(() => undefined)
    this.#changed()
    this.#pump()
  }

  /** Clears finished files from the list; their numbers stay taken. */
  clearDone(): void {
    for (const row of this.#rows) if (row.state === 'done' && row.locked !== null) this.#reserved.add(row.locked)
    this.#rows = this.#rows.filter((row) => row.state !== 'done')
    this.#changed()
  }

  /** Stops everything (the page is leaving). The server keeps the chunks: adding the same file again resumes it. */
  dispose(): void {
    this.#disposed = true
    this.#started = false
    for (const row of this.#rows) row.controller?.abort()
  }

  #find(key: string): Row | undefined {
    return this.#rows.find((row) => row.key === key)
  }

  #view(row: Row, episodeNumber: number | null): UploadItem {
    const uploadedBytes = row.chunkSize > 0 ? receivedBytes(row.received, row.chunkSize, row.file.size) : 0
    return {
      key: row.key,
      name: row.file.name,
      size: row.file.size,
      state: row.state,
      episodeNumber,
      numberLocked: row.locked !== null,
      uploadId: row.uploadId,
      uploadedBytes,
      progress: row.state === 'done' ? 1 : row.file.size > 0 ? uploadedBytes / row.file.size : 0,
      retrying: row.retrying ? { ...row.retrying } : null,
      error: row.error ? { ...row.error } : null,
      result: row.result,
    }
  }

  #changed(): void {
    if (!this.#disposed) this.#options.onChange?.()
  }

  #pump(): void {
    if (!this.#started || this.#disposed) return
    let active = this.#rows.filter((row) => row.controller !== null).length
    for (const row of this.#rows) {
      if (active >= this.#concurrency) break
      if (row.state !== 'queued' || row.controller !== null) continue
      active++
      void this.#run(row)
    }
  }

  async #run(row: Row): Promise<void> {
    const controller = new AbortController()
    row.controller = controller
    row.state = 'uploading'
    row.error = null
    // The number travels with the upload: from here on the row keeps it.
    row.locked ??= this.items[this.#rows.indexOf(row)]?.episodeNumber ?? this.#startNumber
    const episodeNumber = row.locked
    this.#changed()
    try {
      const result = await uploadFile(
        row.file,
        { purpose: 'episode', dramaId: this.#options.dramaId, episodeNumber },
        {
          transport: this.#options.transport,
          signal: controller.signal,
          retryDelaysMs: this.#options.retryDelaysMs,
          sleep: this.#options.sleep,
          // A request that answered just before a pause still reports; the row stays paused.
          onSession: (session) => {
            row.uploadId = session.uploadId
            row.chunkSize = session.chunkSize
          },
          onProgress: (received) => {
            row.received = received
            // Chunks the server lost are sent again before completing.
            if (row.state === 'completing') row.state = 'uploading'
            this.#changed()
          },
          onRetry: (retry) => {
            if (controller.signal.aborted) return
            row.retrying = retry
            this.#changed()
          },
          onCompleting: () => {
            if (controller.signal.aborted) return
            row.state = 'completing'
            this.#changed()
          },
        },
      )
      row.result = result
      row.state = 'done'
      this.#changed()
      this.#options.onCompleted?.(result, this.#view(row, episodeNumber))
    } catch (error) {
      // Paused or removed: the state is already what the person asked for.
      if (controller.signal.aborted) return
      row.state = 'failed'
      row.retrying = null
      row.error = toFailure(error)
    } finally {
      row.controller = null
      this.#changed()
      this.#pump()
    }
  }
}
