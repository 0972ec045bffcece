// A small stand-in for the `uni` global: storage in memory, uni.request and uni.uploadFile over
// real HTTP (fetch), so the request wrapper talks to a real local server exactly as it would
// through uni.request / uni.uploadFile.
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'

const IMAGE_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' }

export interface UniStub {
  storage: Map<string, unknown>
  locale: string
  /** What uni.requestPayment was called with (callbacks left out), in order. */
  payments: Record<string, unknown>[]
}

export interface UniOptions {
  os?: string
  locale?: string
  /** What uni.login answers (mp-weixin): a code, or a failure message. */
  login?: { code: string } | { errMsg: string }
  /** How WeChat's cashier ends (uni.requestPayment): paid, or a failure message ("requestPayment:fail cancel"). */
  payment?: 'success' | { errMsg: string }
}

export function installUni(options: UniOptions = {}): UniStub {
  const state: UniStub = { storage: new Map(), locale: options.locale ?? 'zh-Hans', payments: [] }
  const localeListeners: Array<(result: { locale: string }) => void> = []

  const stub = {
    getStorageSync: (key: string) => (state.storage.has(key) ? state.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void state.storage.set(key, value),
    removeStorageSync: (key: string) => void state.storage.delete(key),
    getSystemInfoSync: () => ({ platform: options.os ?? 'devtools' }),
    getLocale: () => state.locale,
    setLocale: (locale: string) => {
      state.locale = locale
      localeListeners.forEach((listener) => listener({ locale }))
    },
    onLocaleChange: (listener: (result: { locale: string }) => void) => void localeListeners.push(listener),
    request(req: UniNamespace.RequestOptions) {
      const method = req.method ?? 'GET'
      let url = req.url
      let body: string | undefined
      if (req.data !== undefined) {
        if (method === 'GET') {
          const query = new URLSearchParams(Object.entries(req.data as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
          url += (url.includes('?') ? '&' : '?') + query.toString()
        } else {
          body = JSON.stringify(req.data)
        }
      }
      fetch(url, { method, headers: req.header as Record<string, string>, body })
        .then(async (response) => {
          const text = await response.text()
          let data: unknown = text
          if (req.dataType === 'json') {
            try {
              data = JSON.parse(text)
            } catch {
              // uni.request hands over the raw text when the body is not JSON.
            }
          }
          req.success?.({ statusCode: response.status, data, header: Object.fromEntries(response.headers), cookies: [] } as UniNamespace.RequestSuccessCallbackResult)
        })
        .catch((error: Error) => req.fail?.({ errMsg: `request:fail ${error.message}` } as UniNamespace.GeneralCallbackResult))
      return { abort() {} }
    },
    uploadFile(req: UniNamespace.UploadFileOption) {
      const filePath = req.filePath ?? ''
      readFile(filePath)
        .then(async (bytes) => {
          const form = new FormData()
          for (const [key, value] of Object.entries((req.formData ?? {}) as Record<string, string>)) form.append(key, value)
          const type = IMAGE_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
          form.append(req.name ?? 'file', new Blob([bytes], { type }), basename(filePath))
          const response = await fetch(req.url, { method: 'POST', headers: req.header as Record<string, string>, body: form })
          // Like every platform's uploadFile: the body as text, whatever its type.
          req.success?.({ statusCode: response.status, data: await response.text(), header: Object.fromEntries(response.headers) } as UniNamespace.UploadFileSuccessCallbackResult)
        })
        .catch((error: Error) => req.fail?.({ errMsg: `uploadFile:fail ${error.message}` } as UniNamespace.GeneralCallbackResult))
      return { abort() {}, onProgressUpdate() {} }
    },
    requestPayment(req: UniNamespace.RequestPaymentOptions) {
      const { success, fail, ...fields } = req
      delete fields.complete
      state.payments.push(fields)
      const answer = options.payment ?? { errMsg: 'requestPayment:fail not supported' }
      queueMicrotask(() => {
        if (answer === 'success') success?.({ errMsg: 'requestPayment:ok' })
        else fail?.({ errMsg: answer.errMsg })
      })
    },
    login(req: UniNamespace.LoginOptions) {
      const answer = options.login ?? { errMsg: 'login:fail not in a mini-program' }
      queueMicrotask(() => {
        if ('code' in answer) req.success?.({ code: answer.code, errMsg: 'login:ok' } as UniNamespace.LoginRes)
        else req.fail?.({ errMsg: answer.errMsg } as UniNamespace.GeneralCallbackResult)
      })
    },
  }
  Object.assign(globalThis, { uni: stub })
  return state
}
