import type { ServerResponse } from 'node:http'
import type { Account } from './api-server'

/**
 * The catalog endpoints of the admin API (docs/api.md, "Catalog"): dramas (page-numbered list,
 * CRUD, multipart cover/banner upload, publish/unpublish), episodes (CRUD, batch pricing and
 * schedule, publish ready, reorder) and categories. In memory, with the real server's permission
 * check, validation shapes, conflict codes and state rules. Like the real server, a new episode's
 * answer leaves out the columns that were never set.
 */

export interface TestCategory {
  id: number
  name: string
  nameEn: string | null
  slug: string
  sort: number
  isActive: boolean
}

export interface TestDrama {
  id: number
  title: string
  synopsis: string
  coverUrl: string | null
  bannerUrl: string | null
  tags: string[]
  cast: { name: string; role?: string }[]
  categoryIds: number[]
  region: string | null
  language: string
  status: 'ongoing' | 'completed'
  plannedEpisodes: number
  freeEpisodes: number
  episodePriceCoins: number
  seriesPriceCoins: number | null
  isSponsored: boolean
  rating: number
  sortWeight: number
  editorPick: boolean
  state: 'draft' | 'reviewing' | 'published' | 'unpublished' | 'rejected'
  reviewedAt: string | null
  publishAt: string | null
  publishedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface TestEpisode {
  id: number
  dramaId: number
  number: number
  title?: string | null
  durationSec: number
  isFree?: boolean | null
  priceCoins?: number | null
  introEndSec?: number | null
  outroStartSec?: number | null
  state: 'draft' | 'processing' | 'reviewing' | 'ready' | 'published' | 'failed' | 'rejected'
  failureReason?: string | null
  releaseAt: string | null
  publishedAt: string | null
}

export interface CatalogData {
  categories: TestCategory[]
  dramas: TestDrama[]
  episodes: TestEpisode[]
  /** The files the image endpoint received: drama id, kind, file name, type and size. */
  uploads: { dramaId: number; kind: string; fileName: string; type: string; size: number }[]
}

export interface CatalogContext {
  method: string
  url: URL
  body: unknown
  rawBody: Buffer
  contentType: string
  signedIn: Account | undefined
  data: CatalogData
  res: ServerResponse
  permissionsOf: (account: Account) => string[]
}

interface FieldError {
  field: string
  rule: string
  message: string
}

const DRAMA_STATES = ['draft', 'reviewing', 'published', 'unpublished', 'rejected']
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const NOW = '2026-11-21T08:00:00.000Z'

function send(res: ServerResponse, status: number, body?: unknown): true {
  if (body === undefined) res.writeHead(status).end()
  else res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
  return true
}

function fail(res: ServerResponse, status: number, code: string, message: string, details?: unknown): true {
  return send(res, status, { error: details === undefined ? { code, message } : { code, message, details } })
}

function invalid(res: ServerResponse, fields: FieldError[]): true {
  return fail(res, 422, 'VALIDATION_FAILED', 'Some fields are invalid', { fields })
}

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function nextId(rows: { id: number }[]): number {
  return rows.reduce((max, row) => Math.max(max, row.id), 0) + 1
}

export function seedCatalogData(): CatalogData {
  const categories: TestCategory[] = [
    ['都市', 'Urban', 'urban'],
    ['古装', 'Period', 'period'],
    ['甜宠', 'Romance', 'romance'],
    ['逆袭', 'Comeback', 'comeback'],
    ['悬疑', 'Mystery', 'mystery'],
  ].map(([name, nameEn, slug], index) => ({ id: index + 1, name: name!, nameEn: nameEn!, slug: slug!, sort: index, isActive: true }))
  const base = {
    coverUrl: null,
    bannerUrl: null,
    region: '中国大陆',
    language: 'zh',
    isSponsored: false,
    sortWeight: 0,
    editorPick: false,
    reviewedAt: NOW,
    publishAt: null,
    publishedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
  }
  const dramas: TestDrama[] = [
    { ...base, id: 1, title: '闪婚后，总裁他每天都在装穷', synopsis: '闪婚', tags: ['甜宠', '总裁'], cast: [{ name: '林晚', role: '女主' }], categoryIds: [1, 3], status: 'ongoing', plannedEpisodes: 24, freeEpisodes: 8, episodePriceCoins: 60, seriesPriceCoins: 864, rating: 91, state: 'published' },
    { ...base, id: 2, title: '重生之嫡女归来', synopsis: '重生', tags: ['重生'], cast: [{ name: '沈清辞' }], categoryIds: [2, 4], status: 'completed', plannedEpisodes: 30, freeEpisodes: 10, episodePriceCoins: 80, seriesPriceCoins: 1440, rating: 88, state: 'published' },
    { ...base, id: 3, title: '深夜来电', synopsis: '悬疑', tags: ['悬疑'], cast: [], categoryIds: [5], status: 'ongoing', plannedEpisodes: 16, freeEpisodes: 5, episodePriceCoins: 100, seriesPriceCoins: null, rating: 85, state: 'published' },
  ]
  const episodes: TestEpisode[] = []
  for (const drama of dramas) {
    for (let number = 1; number <= 3; number++) {
      episodes.push({
        id: episodes.length + 1,
        dramaId: drama.id,
        number,
        title: `第${number}集`,
        durationSec: 100,
        isFree: null,
        priceCoins: null,
        introEndSec: null,
        outroStartSec: null,
        state: 'published',
        failureReason: null,
        releaseAt: null,
        publishedAt: NOW,
      })
    }
  }
  return { categories, dramas, episodes, uploads: [] }
}

function dramaView(data: CatalogData, drama: TestDrama, withCount: boolean) {
  const { categoryIds, ...rest } = drama
  return {
    ...rest,
    categories: data.categories
      .filter((category) => categoryIds.includes(category.id))
      .map((category) => ({ id: category.id, name: category.name, slug: category.slug })),
    hotScore: 0,
    reviewNote: null,
    episodeCount: withCount ? data.episodes.filter((episode) => episode.dramaId === drama.id).length : undefined,
  }
}

function sortedCategories(data: CatalogData): TestCategory[] {
  return [...data.categories].sort((a, b) => a.sort - b.sort || a.id - b.id)
}

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** The VineJS rules of the drama fields, with the same field paths in the errors. */
function checkDrama(input: Record<string, unknown>, data: CatalogData, creating: boolean, fields: FieldError[]): void {
  const text = (key: string, max: number, required: boolean) => {
    const value = input[key]
    if (value === undefined && !required) return
    const trimmed = typeof value === 'string' ? value.trim() : ''
    if (trimmed === '') fields.push({ field: key, rule: 'required', message: `The ${key} field must be defined` })
    else if (trimmed.length > max) fields.push({ field: key, rule: 'maxLength', message: `The ${key} field must not be greater than ${max} characters` })
  }
  text('title', 100, creating)
  text('synopsis', 2000, creating)
  const number = (key: string, min: number, max: number, nullable = false) => {
    const value = input[key]
    if (value === undefined || (nullable && value === null)) return
    if (!wholeIn(value, min, max)) fields.push({ field: key, rule: 'range', message: `The ${key} field must be between ${min} and ${max}` })
  }
  number('plannedEpisodes', 0, 2000)
  number('freeEpisodes', 0, 2000)
  number('episodePriceCoins', 0, 100_000)
  number('seriesPriceCoins', 0, 100_000, true)
  number('rating', 0, 100)
  number('sortWeight', -10_000, 10_000)
  if (input.status !== undefined && input.status !== 'ongoing' && input.status !== 'completed') {
    fields.push({ field: 'status', rule: 'enum', message: 'The selected status is invalid' })
  }
  for (const key of ['isSponsored', 'editorPick']) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean') fields.push({ field: key, rule: 'boolean', message: `The ${key} field must be a boolean` })
  }
  const tags = input.tags
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > 12) fields.push({ field: 'tags', rule: 'maxLength', message: 'The tags field must not have more than 12 items' })
    else if (new Set(tags).size !== tags.length) fields.push({ field: 'tags', rule: 'distinct', message: 'The tags field has duplicate values' })
    else {
      const bad = tags.findIndex((tag) => typeof tag !== 'string' || tag.trim() === '' || tag.trim().length > 16)
      if (bad >= 0) fields.push({ field: `tags.${bad}`, rule: 'maxLength', message: 'The tags field must not be greater than 16 characters' })
    }
  }
  const cast = input.cast
  if (cast !== undefined) {
    if (!Array.isArray(cast)) fields.push({ field: 'cast', rule: 'array', message: 'The cast field must be an array' })
    else {
      const bad = cast.findIndex((member) => typeof record(member).name !== 'string' || String(record(member).name).trim() === '')
      if (bad >= 0) fields.push({ field: `cast.${bad}.name`, rule: 'required', message: 'The name field must be defined' })
    }
  }
  const categoryIds = input.categoryIds
  if (categoryIds !== undefined) {
    const known = Array.isArray(categoryIds) && categoryIds.every((id) => data.categories.some((category) => category.id === id))
    if (!known) fields.push({ field: 'categoryIds', rule: 'exists', message: 'Unknown category' })
  }
}

const DRAMA_FIELDS = [
  'title',
  'synopsis',
  'tags',
  'cast',
  'region',
  'language',
  'status',
  'plannedEpisodes',
  'freeEpisodes',
  'episodePriceCoins',
  'seriesPriceCoins',
  'isSponsored',
  'rating',
  'sortWeight',
  'editorPick',
] as const

function applyDrama(drama: TestDrama, input: Record<string, unknown>): void {
  for (const key of DRAMA_FIELDS) {
    const value = input[key]
    if (value === undefined) continue
    Object.assign(drama, { [key]: typeof value === 'string' ? value.trim() : value })
  }
  if (Array.isArray(input.categoryIds)) drama.categoryIds = [...new Set(input.categoryIds as number[])]
  drama.updatedAt = new Date().toISOString()
}

async function imageRoute(ctx: CatalogContext, drama: TestDrama): Promise<true> {
  const { res, data } = ctx
  if (!ctx.contentType.startsWith('multipart/form-data')) {
    return invalid(res, [{ field: 'image', rule: 'required', message: 'Attach an image as the image field' }])
  }
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': ctx.contentType },
    body: new Uint8Array(ctx.rawBody),
  }).formData()
  const file = form.get('image')
  if (!(file instanceof File)) return invalid(res, [{ field: 'image', rule: 'required', message: 'Attach an image as the image field' }])
  const bytes = Buffer.from(await file.arrayBuffer())
  if (!/\.(png|jpe?g|webp)$/i.test(file.name)) {
    return fail(res, 422, 'IMAGE_INVALID', 'Images must be JPEG, PNG or WebP', {
      fields: [{ field: 'image', rule: 'extname', message: `Invalid file extension. Only jpg, jpeg, png, webp are allowed` }],
    })
  }
  if (bytes.length > 5 * 1024 * 1024) return fail(res, 413, 'PAYLOAD_TOO_LARGE', 'Images are at most 5 MB')
  if (!bytes.subarray(0, 8).equals(PNG) && !(bytes[0] === 0xff && bytes[1] === 0xd8)) {
    return fail(res, 422, 'IMAGE_INVALID', 'Images must be JPEG, PNG or WebP')
  }
  const kind = ctx.url.searchParams.get('kind') === 'banner' ? 'banner' : 'cover'
  data.uploads.push({ dramaId: drama.id, kind, fileName: file.name, type: file.type, size: bytes.length })
  const url = `http://127.0.0.1/api/v1/dramas/${drama.id}/images/${kind}-${data.uploads.length}.png`
  if (kind === 'cover') drama.coverUrl = url
  else drama.bannerUrl = url
  return send(res, 200, { drama: dramaView(data, drama, false) })
}

function dramasRoutes(ctx: CatalogContext, path: string): boolean | Promise<boolean> {
  const { res, data, url } = ctx
  const input = record(ctx.body)
  if (path === '/admin/v1/dramas' && ctx.method === 'GET') {
    const fields: FieldError[] = []
    const param = (name: string) => url.searchParams.get(name)
    const page = param('page') === null ? 1 : Number(param('page'))
    const limit = param('limit') === null ? 20 : Number(param('limit'))
    if (!wholeIn(page, 1, 10_000)) fields.push({ field: 'page', rule: 'range', message: 'The page field must be between 1 and 10000' })
    if (!wholeIn(limit, 1, 100)) fields.push({ field: 'limit', rule: 'range', message: 'The limit field must be between 1 and 100' })
    const state = param('state')
    if (state !== null && !DRAMA_STATES.includes(state)) fields.push({ field: 'state', rule: 'enum', message: 'The selected state is invalid' })
    const categoryId = param('categoryId')
    if (categoryId !== null && !/^\d+$/.test(categoryId)) fields.push({ field: 'categoryId', rule: 'number', message: 'The categoryId field must be a number' })
    if (fields.length > 0) return invalid(res, fields)
    const q = (param('q') ?? '').trim().toLowerCase()
    const matches = data.dramas
      .filter(
        (drama) =>
          (state === null || drama.state === state) &&
          (categoryId === null || drama.categoryIds.includes(Number(categoryId))) &&
          (q === '' || [drama.title, ...drama.tags, ...drama.cast.map((member) => member.name)].join(' ').toLowerCase().includes(q)),
      )
      .sort((a, b) => b.id - a.id)
    const lastPage = Math.max(1, Math.ceil(matches.length / limit))
    return send(res, 200, {
      data: matches.slice((page - 1) * limit, page * limit).map((drama) => dramaView(data, drama, true)),
      meta: { total: matches.length, page, lastPage, limit },
    })
  }
  if (path === '/admin/v1/dramas' && ctx.method === 'POST') {
    const fields: FieldError[] = []
    checkDrama(input, data, true, fields)
    if (fields.length > 0) return invalid(res, fields)
    const now = new Date().toISOString()
    const drama: TestDrama = {
      id: nextId(data.dramas),
      title: '',
      synopsis: '',
      coverUrl: null,
      bannerUrl: null,
      tags: [],
      cast: [],
      categoryIds: [],
      region: null,
      language: 'zh',
      status: 'ongoing',
      plannedEpisodes: 0,
      freeEpisodes: 0,
      episodePriceCoins: 0,
      seriesPriceCoins: null,
      isSponsored: false,
      rating: 0,
      sortWeight: 0,
      editorPick: false,
      state: 'draft',
      reviewedAt: null,
      publishAt: null,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
    }
    applyDrama(drama, input)
    data.dramas.push(drama)
    return send(res, 201, { drama: dramaView(data, drama, false) })
  }

  const match = /^\/admin\/v1\/dramas\/([^/]+)(\/image|\/publish|\/unpublish)?$/.exec(path)
  if (!match) return false
  const drama = data.dramas.find((candidate) => String(candidate.id) === match[1])
  if (!drama) return fail(res, 404, 'NOT_FOUND', 'No such drama')
  const action = match[2]
  if (action === undefined && ctx.method === 'GET') return send(res, 200, { drama: dramaView(data, drama, false) })
  if (action === undefined && ctx.method === 'PATCH') {
    const fields: FieldError[] = []
    checkDrama(input, data, false, fields)
    if (fields.length > 0) return invalid(res, fields)
    applyDrama(drama, input)
    return send(res, 200, { drama: dramaView(data, drama, false) })
  }
  if (action === undefined && ctx.method === 'DELETE') {
    if (drama.state !== 'draft' && drama.state !== 'rejected') {
      return fail(res, 409, 'DRAMA_NOT_DELETABLE', 'Only draft or rejected dramas can be deleted; unpublish instead')
    }
    data.dramas = data.dramas.filter((candidate) => candidate !== drama)
    data.episodes = data.episodes.filter((episode) => episode.dramaId !== drama.id)
    return send(res, 204)
  }
  if (ctx.method !== 'POST') return false
  if (action === '/image') return imageRoute(ctx, drama)
  if (action === '/publish') {
    const publishAt = input.publishAt
    if (publishAt !== undefined && publishAt !== null && (typeof publishAt !== 'string' || !ISO.test(publishAt))) {
      return invalid(res, [{ field: 'publishAt', rule: 'regex', message: 'The publishAt field format is invalid' }])
    }
    const playable = data.episodes.some((episode) => episode.dramaId === drama.id && (episode.state === 'ready' || episode.state === 'published'))
    if (!playable) return fail(res, 409, 'NO_READY_EPISODE', 'A drama needs at least one ready episode before it can be published')
    if (drama.state === 'published') return fail(res, 409, 'ALREADY_PUBLISHED', 'This drama is already published')
    // Review passes at once, as it does until the moderation module exists.
    drama.reviewedAt = new Date().toISOString()
    const later = typeof publishAt === 'string' && Date.parse(publishAt) > Date.now()
    drama.publishAt = later ? new Date(Date.parse(publishAt)).toISOString() : null
    if (later) drama.state = 'reviewing'
    else {
      drama.state = 'published'
      drama.publishedAt ??= new Date().toISOString()
      for (const episode of data.episodes) {
        if (episode.dramaId === drama.id && episode.state === 'ready' && (!episode.releaseAt || Date.parse(episode.releaseAt) <= Date.now())) {
          episode.state = 'published'
        }
      }
    }
    return send(res, 200, { drama: dramaView(data, drama, false) })
  }
  if (action === '/unpublish') {
    if (drama.state !== 'published') {
      return fail(res, 409, 'INVALID_STATE_TRANSITION', `A drama cannot go from ${drama.state} to unpublished`, {
        from: drama.state,
        to: 'unpublished',
        allowed: drama.state === 'draft' ? ['reviewing'] : [],
      })
    }
    drama.state = 'unpublished'
    drama.publishAt = null
    return send(res, 200, { drama: dramaView(data, drama, false) })
  }
  return false
}

function checkEpisode(input: Record<string, unknown>, fields: FieldError[]): void {
  if (input.number !== undefined && !wholeIn(input.number, 1, 5000)) fields.push({ field: 'number', rule: 'range', message: 'The number field must be between 1 and 5000' })
  if (input.title !== undefined && input.title !== null && (typeof input.title !== 'string' || input.title.length > 100)) {
    fields.push({ field: 'title', rule: 'maxLength', message: 'The title field must not be greater than 100 characters' })
  }
  if (input.isFree !== undefined && input.isFree !== null && typeof input.isFree !== 'boolean') {
    fields.push({ field: 'isFree', rule: 'boolean', message: 'The isFree field must be a boolean' })
  }
  if (input.priceCoins !== undefined && input.priceCoins !== null && !wholeIn(input.priceCoins, 0, 100_000)) {
    fields.push({ field: 'priceCoins', rule: 'range', message: 'The priceCoins field must be between 0 and 100000' })
  }
  if (input.releaseAt !== undefined && input.releaseAt !== null && (typeof input.releaseAt !== 'string' || !ISO.test(input.releaseAt))) {
    fields.push({ field: 'releaseAt', rule: 'regex', message: 'The releaseAt field format is invalid' })
  }
  for (const key of ['introEndSec', 'outroStartSec']) {
    const value = input[key]
    if (value !== undefined && value !== null && !wholeIn(value, 0, 24 * 3600)) {
      fields.push({ field: key, rule: 'range', message: `The ${key} field must be a whole number between 0 and 86400` })
    }
  }
}

/** Intro end and outro start, merged with what the episode has: the outro after the intro, within the video. */
function checkMarks(merged: Record<string, unknown>): FieldError[] {
  const { introEndSec, outroStartSec, durationSec } = merged
  const fields: FieldError[] = []
  if (typeof introEndSec === 'number' && typeof outroStartSec === 'number' && introEndSec >= outroStartSec) {
    fields.push({ field: 'outroStartSec', rule: 'after', message: 'The outro must start after the intro ends' })
  }
  if (typeof durationSec === 'number' && durationSec > 0 && typeof outroStartSec === 'number' && outroStartSec > durationSec) {
    fields.push({ field: 'outroStartSec', rule: 'max', message: 'The outro cannot start after the episode ends' })
  }
  return fields
}

const EPISODE_FIELDS = ['number', 'title', 'durationSec', 'isFree', 'priceCoins', 'introEndSec', 'outroStartSec', 'releaseAt'] as const

function checkRange(input: Record<string, unknown>, fields: FieldError[]): { from: number; to: number } | null {
  for (const key of ['from', 'to']) {
    if (!wholeIn(input[key], 1, 5000)) fields.push({ field: key, rule: 'range', message: `The ${key} field must be between 1 and 5000` })
  }
  if (fields.length > 0) return null
  const range = { from: input.from as number, to: input.to as number }
  if (range.from > range.to) {
    fields.push({ field: 'to', rule: 'range', message: 'to must be at least from' })
    return null
  }
  return range
}

function episodesRoutes(ctx: CatalogContext, path: string): boolean {
  const { res, data } = ctx
  const input = record(ctx.body)
  const own = (dramaId: number) => data.episodes.filter((episode) => episode.dramaId === dramaId).sort((a, b) => a.number - b.number)

  const single = /^\/admin\/v1\/episodes\/([^/]+)$/.exec(path)
  if (single) {
    const episode = data.episodes.find((candidate) => String(candidate.id) === single[1])
    if (!episode) return fail(res, 404, 'NOT_FOUND', 'No such episode')
    if (ctx.method === 'DELETE') {
      if (episode.state === 'published') return fail(res, 409, 'EPISODE_PUBLISHED', 'Unpublish the episode before deleting it')
      data.episodes = data.episodes.filter((candidate) => candidate !== episode)
      return send(res, 204)
    }
    if (ctx.method !== 'PATCH') return false
    const fields: FieldError[] = []
    checkEpisode(input, fields)
    if (fields.length > 0) return invalid(res, fields)
    if (typeof input.number === 'number' && own(episode.dramaId).some((other) => other !== episode && other.number === input.number)) {
      return fail(res, 409, 'EPISODE_NUMBER_TAKEN', `Episode ${input.number} already exists`)
    }
    const marks = checkMarks({ ...episode, ...input })
    if (marks.length > 0) return invalid(res, marks)
    for (const key of EPISODE_FIELDS) if (input[key] !== undefined) Object.assign(episode, { [key]: input[key] })
    return send(res, 200, { episode })
  }

  const match = /^\/admin\/v1\/dramas\/([^/]+)\/episodes(\/pricing|\/schedule|\/publish|\/reorder)?$/.exec(path)
  if (!match) return false
  const drama = data.dramas.find((candidate) => String(candidate.id) === match[1])
  if (!drama) return fail(res, 404, 'NOT_FOUND', 'No such drama')
  const action = match[2]
  if (action === undefined && ctx.method === 'GET') return send(res, 200, { data: own(drama.id) })
  if (ctx.method !== 'POST') return false
  if (action === undefined) {
    const fields: FieldError[] = []
    checkEpisode(input, fields)
    if (fields.length > 0) return invalid(res, fields)
    const number = typeof input.number === 'number' ? input.number : (own(drama.id).at(-1)?.number ?? 0) + 1
    if (own(drama.id).some((episode) => episode.number === number)) return fail(res, 409, 'EPISODE_NUMBER_TAKEN', `Episode ${number} already exists`)
    const episode: TestEpisode = { id: nextId(data.episodes), dramaId: drama.id, number, durationSec: 0, state: 'draft', releaseAt: null, publishedAt: null }
    for (const key of EPISODE_FIELDS) if (input[key] !== undefined && key !== 'number') Object.assign(episode, { [key]: input[key] })
    data.episodes.push(episode)
    return send(res, 201, { episode })
  }
  if (action === '/pricing') {
    const fields: FieldError[] = []
    const range = checkRange(input, fields)
    if (input.priceCoins !== undefined && input.priceCoins !== null && !wholeIn(input.priceCoins, 0, 100_000)) {
      fields.push({ field: 'priceCoins', rule: 'range', message: 'The priceCoins field must be between 0 and 100000' })
    }
    if (fields.length === 0 && input.priceCoins === undefined && input.isFree === undefined) {
      fields.push({ field: 'priceCoins', rule: 'required', message: 'Give priceCoins, isFree or both' })
    }
    if (fields.length > 0 || !range) return invalid(res, fields)
    const hit = own(drama.id).filter((episode) => episode.number >= range.from && episode.number <= range.to)
    for (const episode of hit) {
      if (input.priceCoins !== undefined) episode.priceCoins = input.priceCoins as number | null
      if (input.isFree !== undefined) episode.isFree = input.isFree as boolean | null
    }
    return send(res, 200, { updated: hit.length })
  }
  if (action === '/schedule') {
    const fields: FieldError[] = []
    const range = checkRange(input, fields)
    const releaseAt = input.releaseAt
    if (releaseAt === undefined || (releaseAt !== null && (typeof releaseAt !== 'string' || !ISO.test(releaseAt)))) {
      fields.push({ field: 'releaseAt', rule: 'regex', message: 'The releaseAt field format is invalid' })
    }
    if (fields.length > 0 || !range) return invalid(res, fields)
    const hit = own(drama.id).filter((episode) => episode.number >= range.from && episode.number <= range.to)
    for (const episode of hit) episode.releaseAt = releaseAt === null ? null : new Date(Date.parse(releaseAt as string)).toISOString()
    return send(res, 200, { updated: hit.length })
  }
  if (action === '/publish') {
    const due = own(drama.id).filter((episode) => episode.state === 'ready' && (!episode.releaseAt || Date.parse(episode.releaseAt) <= Date.now()))
    for (const episode of due) {
      episode.state = 'published'
      episode.publishedAt = new Date().toISOString()
    }
    return send(res, 200, { published: due.length })
  }
  const ids = input.ids
  const current = own(drama.id).map((episode) => episode.id)
  const permutation =
    Array.isArray(ids) && ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id as number))
  if (!permutation) return invalid(res, [{ field: 'episodeIds', rule: 'permutation', message: 'List every episode of the drama exactly once' }])
  ;(ids as number[]).forEach((id, index) => {
    const episode = data.episodes.find((candidate) => candidate.id === id)
    if (episode) episode.number = index + 1
  })
  return send(res, 200, { data: own(drama.id) })
}

function categoriesRoutes(ctx: CatalogContext, path: string): boolean {
  const { res, data } = ctx
  const input = record(ctx.body)
  const check = (creating: boolean): FieldError[] => {
    const fields: FieldError[] = []
    const name = input.name
    if ((creating || name !== undefined) && (typeof name !== 'string' || name.trim() === '' || name.trim().length > 32)) {
      fields.push({ field: 'name', rule: 'required', message: 'The name field must be defined' })
    }
    const slug = input.slug
    if ((creating || slug !== undefined) && (typeof slug !== 'string' || !/^[a-z0-9-]{1,48}$/.test(slug.trim()))) {
      fields.push({ field: 'slug', rule: 'regex', message: 'The slug field format is invalid' })
    }
    if (input.isActive !== undefined && typeof input.isActive !== 'boolean') {
      fields.push({ field: 'isActive', rule: 'boolean', message: 'The isActive field must be a boolean' })
    }
    return fields
  }
  const slugTaken = (slug: unknown, except?: TestCategory) =>
    typeof slug === 'string' && data.categories.some((category) => category !== except && category.slug === slug.trim())
  const apply = (category: TestCategory) => {
    if (typeof input.name === 'string') category.name = input.name.trim()
    if (input.nameEn !== undefined) category.nameEn = typeof input.nameEn === 'string' && input.nameEn.trim() !== '' ? input.nameEn.trim() : null
    if (typeof input.slug === 'string') category.slug = input.slug.trim()
    if (typeof input.sort === 'number') category.sort = input.sort
    if (typeof input.isActive === 'boolean') category.isActive = input.isActive
  }

  if (path === '/admin/v1/categories' && ctx.method === 'GET') return send(res, 200, { data: sortedCategories(data) })
  if (path === '/admin/v1/categories' && ctx.method === 'POST') {
    const fields = check(true)
    if (fields.length > 0) return invalid(res, fields)
    if (slugTaken(input.slug)) return fail(res, 409, 'SLUG_TAKEN', `A category with slug "${String(input.slug)}" exists`)
    const category: TestCategory = { id: nextId(data.categories), name: '', nameEn: null, slug: '', sort: 0, isActive: true }
    apply(category)
    data.categories.push(category)
    return send(res, 201, { category })
  }
  if (path === '/admin/v1/categories/reorder' && ctx.method === 'POST') {
    const ids = input.ids
    if (!Array.isArray(ids) || ids.length === 0) return invalid(res, [{ field: 'ids', rule: 'minLength', message: 'The ids field must have at least 1 items' }])
    ids.forEach((id, index) => {
      const category = data.categories.find((candidate) => candidate.id === id)
      if (category) category.sort = index
    })
    return send(res, 200, { data: sortedCategories(data) })
  }
  const match = /^\/admin\/v1\/categories\/([^/]+)$/.exec(path)
  if (!match) return false
  const category = data.categories.find((candidate) => String(candidate.id) === match[1])
  if (!category) return fail(res, 404, 'NOT_FOUND', 'No such category')
  if (ctx.method === 'DELETE') {
    data.categories = data.categories.filter((candidate) => candidate !== category)
    for (const drama of data.dramas) drama.categoryIds = drama.categoryIds.filter((id) => id !== category.id)
    return send(res, 204)
  }
  if (ctx.method !== 'PATCH') return false
  const fields = check(false)
  if (fields.length > 0) return invalid(res, fields)
  if (slugTaken(input.slug, category)) return fail(res, 409, 'SLUG_TAKEN', `A category with slug "${String(input.slug)}" exists`)
  apply(category)
  return send(res, 200, { category })
}

/** Answers the request when it is a catalog admin endpoint (true), else leaves it to the caller (false). */
export async function handleCatalogRoute(ctx: CatalogContext): Promise<boolean> {
  const path = ctx.url.pathname
  if (!/^\/admin\/v1\/(dramas|episodes|categories)(\/|$)/.test(path)) return false
  const actor = ctx.signedIn
  if (!actor) return fail(ctx.res, 401, 'UNAUTHENTICATED', 'Authentication required')
  if (!ctx.permissionsOf(actor).includes('catalog.manage')) {
    return fail(ctx.res, 403, 'FORBIDDEN', 'You are not allowed to do this', { permission: 'catalog.manage' })
  }
  if (path.startsWith('/admin/v1/categories')) return categoriesRoutes(ctx, path)
  if (path.startsWith('/admin/v1/episodes') || /\/episodes(\/|$)/.test(path)) return episodesRoutes(ctx, path)
  return dramasRoutes(ctx, path)
}
