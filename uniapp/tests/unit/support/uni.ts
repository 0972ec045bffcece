// A small stand-in for the `uni` global: storage in memory, uni.request over real HTTP (fetch),
// so the request wrapper talks to a real local server exactly as it would through uni.request.

export interface UniStub {
  storage: Map<string, unknown>
  locale: string
}

export function installUni(options: { os?: string; locale?: string } = {}): UniStub {
  const state: UniStub = { storage: new Map(), locale: options.locale ?? 'zh-Hans' }
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
  }
  Object.assign(globalThis, { uni: stub })
  return state
}
