/**
 * WeChat mini-program server APIs (documented wire format, plain HTTPS JSON):
 * `GET /sns/jscode2session`, `POST /cgi-bin/stable_token`, `POST /wxa/business/getuserphonenumber`.
 * `apiBase` is https://api.weixin.qq.com in production and a local server in tests.
 */
export interface WechatMpConfig {
  appId: string
  secret: string
  apiBase: string
  timeoutMs?: number
}

export class WechatApiError extends Error {
  constructor(
    public errcode: number,
    public errmsg: string
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`)
    this.name = 'WechatApiError'
  }
}

export interface MpSession {
  openid: string
  unionid: string | null
  sessionKey: string
}

export interface MpPhone {
  /** E.164 */
  phone: string
  countryCode: string
  purePhoneNumber: string
}

/** Access-token errors after which a fresh token is fetched and the call retried once. */
const STALE_TOKEN = new Set([40001, 40014, 42001])

export class WechatMpClient {
  #token?: { value: string; expiresAt: number }

  constructor(private config: WechatMpConfig) {}

  async #call(path: string, init: RequestInit & { query?: Record<string, string> } = {}) {
    const url = new URL(path, this.config.apiBase)
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v)
    let res: Response
    try {
      res = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 8000),
      })
    } catch (error) {
      throw new WechatApiError(-1, `network error: ${(error as Error).message}`)
    }
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`)
    const body = (await res.json()) as Record<string, any>
    if (typeof body.errcode === 'number' && body.errcode !== 0)
      throw new WechatApiError(body.errcode, String(body.errmsg ?? ''))
    return body
  }

  async code2Session(code: string): Promise<MpSession> {
    const body = await this.#call('/sns/jscode2session', {
      query: {
        appid: this.config.appId,
        secret: this.config.secret,
        js_code: code,
        grant_type: 'authorization_code',
      },
    })
    if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
      throw new WechatApiError(-1, 'jscode2session answered without openid/session_key')
    }
    return {
      openid: body.openid,
      unionid: typeof body.unionid === 'string' ? body.unionid : null,
      sessionKey: body.session_key,
    }
  }

  /** The stable token endpoint does not invalidate tokens other processes hold. */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.#token && this.#token.expiresAt > Date.now() + 60_000)
      return this.#token.value
    const body = await this.#call('/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.config.appId,
        secret: this.config.secret,
        force_refresh: forceRefresh,
      }),
    })
    this.#token = {
      value: String(body.access_token),
      expiresAt: Date.now() + Number(body.expires_in ?? 7200) * 1000,
    }
    return this.#token.value
  }

  async phoneNumber(code: string, openid?: string): Promise<MpPhone> {
    const request = async (token: string) =>
      this.#call('/wxa/business/getuserphonenumber', {
        method: 'POST',
        query: { access_token: token },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, ...(openid ? { openid } : {}) }),
      })
    let body
    try {
      body = await request(await this.accessToken())
    } catch (error) {
      if (!(error instanceof WechatApiError) || !STALE_TOKEN.has(error.errcode)) throw error
      body = await request(await this.accessToken(true))
    }
    const info = body.phone_info
    if (!info || info.watermark?.appid !== this.config.appId) {
      throw new WechatApiError(-1, 'phone_info missing or issued for another appid')
    }
    const countryCode = String(info.countryCode ?? '86')
    const pure = String(info.purePhoneNumber)
    return { phone: `+${countryCode}${pure}`, countryCode, purePhoneNumber: pure }
  }
}
