// uni-app's CLI packages are hoisted to the monorepo root, next to the admin's Vue 3.5 and Vite 7.
// Some of them (uni-h5-vite, @vitejs/plugin-vue, ...) load `vue` or `vite` without declaring them,
// so plain Node resolution hands them whatever npm happened to hoist. Importing this module first
// makes those requests from uni-app's toolchain resolve from this workspace instead, whose
// package.json pins what uni-app 3.0.0-5000720260410001 is built for. (uni-app itself already pins
// @vue/compiler-* and @vue/shared with module-alias; vue-router is found in ./node_modules first by
// uni's own built-in resolver because this workspace declares it.)
import { createRequire, registerHooks } from 'node:module'
import { pathToFileURL } from 'node:url'

const workspacePackageUrl = new URL('../package.json', import.meta.url)
const workspaceRequire = createRequire(workspacePackageUrl)
const manifest = workspaceRequire('./package.json')

export const PINNED_PACKAGES = ['vue', 'vite', 'vue-router']
const PINNED_SPECIFIER = /^(?:vue|vite|vue-router)(?:\/|$)/
const TOOLCHAIN_FILE = /\/node_modules\/@(?:dcloudio|vitejs)\//

/** Versions that resolve from this workspace, compared with the exact pins in its package.json. */
export function checkPins() {
  return PINNED_PACKAGES.map((name) => {
    const expected = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]
    const actual = workspaceRequire(`${name}/package.json`).version
    return { name, expected, actual, ok: expected === actual }
  })
}

const mismatches = checkPins().filter((pin) => !pin.ok)
if (mismatches.length > 0) {
  const list = mismatches.map((p) => `${p.name}: expected ${p.expected}, found ${p.actual}`).join('; ')
  throw new Error(`uniapp toolchain pins are not installed (${list}). Run npm install from the repository root.`)
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!PINNED_SPECIFIER.test(specifier) || !context.parentURL || !TOOLCHAIN_FILE.test(context.parentURL)) {
      return nextResolve(specifier, context)
    }
    // The default resolver behind require() keeps looking from the original parent even when
    // context.parentURL changes, so require() targets are resolved here and returned directly.
    if (context.conditions?.includes('require')) {
      return { url: pathToFileURL(workspaceRequire.resolve(specifier)).href, shortCircuit: true }
    }
    return nextResolve(specifier, { ...context, parentURL: workspacePackageUrl.href })
  },
})
