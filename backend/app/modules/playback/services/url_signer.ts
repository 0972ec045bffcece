import {
  createHash,
  createHmac,
  createSecretKey,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto'

/**
 * Signed playback URLs. A token `exp.subject.sig` rides in the `t` query parameter;
 * sig = HMAC-SHA256(key, episodeId|subject|exp|file), truncated to 128 bits, base64url. The
 * subject is the viewer (`u<id>`) or an admin previewing (`a<id>`), so a URL is bound to one
 * person, one episode, one file and one expiry.
 */
export interface PlaybackGrant {
  episodeId: number
  subject: string
  exp: number
}

export type VerifyFailure = 'malformed' | 'expired' | 'tampered'

const SUBJECT = /^[ua]\d{1,18}$/

export class UrlSigner {
  // A KeyObject made once: createHmac with a raw Buffer rebuilds one on every call.
  readonly #key: KeyObject

  constructor(secret: string) {
    this.#key = createSecretKey(createHash('sha256').update(`duanju-playback:${secret}`).digest())
  }

  #mac(episodeId: number, subject: string, exp: number, file: string) {
    return createHmac('sha256', this.#key)
      .update(`${episodeId}|${subject}|${exp}|${file}`)
      .digest()
      .subarray(0, 16)
  }

  token(grant: PlaybackGrant, file: string) {
    const sig = this.#mac(grant.episodeId, grant.subject, grant.exp, file).toString('base64url')
    return `${grant.exp}.${grant.subject}.${sig}`
  }

  verify(
    episodeId: number,
    file: string,
    token: unknown,
    nowSec = Math.floor(Date.now() / 1000)
  ): { ok: true; grant: PlaybackGrant } | { ok: false; reason: VerifyFailure } {
    if (typeof token !== 'string' || token.length > 80) return { ok: false, reason: 'malformed' }
    const [expText, subject, sig] = token.split('.')
    if (!expText || !/^\d{1,12}$/.test(expText) || !subject || !SUBJECT.test(subject) || !sig)
      return { ok: false, reason: 'malformed' }
    const exp = Number(expText)
    const given = Buffer.from(sig, 'base64url')
    const expected = this.#mac(episodeId, subject, exp, file)
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'tampered' }
    if (exp <= nowSec) return { ok: false, reason: 'expired' }
    return { ok: true, grant: { episodeId, subject, exp } }
  }
}

/**
 * Alibaba Cloud CDN URL authentication, type A:
 * `path?auth_key={timestamp}-{rand}-{uid}-{md5hash}`, md5hash = md5("{path}-{timestamp}-{rand}-{uid}-{key}").
 * The CDN accepts the URL until timestamp + the TTL set in its console, so to make a link valid
 * until `exp` the timestamp is exp - ttl.
 */
export function aliCdnTypeA(
  path: string,
  privateKey: string,
  timestamp: number,
  rand = randomUUID().replaceAll('-', ''),
  uid = '0'
) {
  const hash = createHash('md5')
    .update(`${path}-${timestamp}-${rand}-${uid}-${privateKey}`)
    .digest('hex')
  return `${path}?auth_key=${timestamp}-${rand}-${uid}-${hash}`
}
