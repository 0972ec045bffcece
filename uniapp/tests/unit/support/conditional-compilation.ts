import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

type Preprocess = {
  initPreContext: (platform: string, userContext: object, utsPlatform: string, isX: boolean) => void
  preJs: (code: string, filename: string) => string
  preHtml: (code: string, filename: string) => string
}

// uni-app's own `#ifdef` preprocessor, so tests run the code a given build would contain.
const preprocess = createRequire(import.meta.url)('@dcloudio/uni-cli-shared/dist/preprocess/index.js') as Preprocess

const UTS_PLATFORM: Record<string, string> = { h5: 'web', 'mp-weixin': 'mp-weixin', app: 'app-android' }

export function preprocessFor(platform: 'h5' | 'mp-weixin' | 'app', code: string, filename: string): string {
  preprocess.initPreContext(platform, {}, UTS_PLATFORM[platform] ?? platform, false)
  return preprocess.preJs(code, filename)
}

/** A .vue file as the given build compiles it: the template's `<!-- #ifdef -->` blocks, then the script's. */
export function preprocessSfcFor(platform: 'h5' | 'mp-weixin' | 'app', code: string, filename: string): string {
  preprocess.initPreContext(platform, {}, UTS_PLATFORM[platform] ?? platform, false)
  return preprocess.preJs(preprocess.preHtml(code, filename), filename)
}

/** Vite plugin: applies the H5 build's conditional compilation to our sources. */
export function uniConditionalCompilation(platform: 'h5' | 'mp-weixin' | 'app'): Plugin {
  return {
    name: 'duanju:uni-conditional-compilation',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/src/') || !code.includes('#ifdef') && !code.includes('#ifndef')) return null
      return { code: preprocessFor(platform, code, id), map: null }
    },
  }
}
