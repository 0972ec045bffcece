import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const workspaceDir = fileURLToPath(new URL('../../', import.meta.url))

// What uni-app's hoisted packages load once scripts/pin-resolution.mjs is in place, asked from a
// fresh Node process the way `npm run build:*` starts the uni CLI.
function resolvedFromToolchain(): Record<string, string> {
  const script = `
    const { createRequire } = require('node:module')
    const uniH5Vite = require.resolve('@dcloudio/uni-h5-vite/package.json', { paths: [process.cwd()] })
    const pluginUni = require.resolve('@dcloudio/vite-plugin-uni/package.json', { paths: [process.cwd()] })
    const fromH5Vite = createRequire(uniH5Vite)
    const fromPluginUni = createRequire(pluginUni)
    console.log(JSON.stringify({
      'uni-h5-vite -> vite': fromH5Vite('vite').version,
      'uni-h5-vite -> vue': fromH5Vite('vue').version,
      'vite-plugin-uni -> vite': fromPluginUni('vite').version,
      'vite-plugin-uni -> vue-router': fromPluginUni('vue-router/package.json').version,
    }))
  `
  const out = execFileSync(process.execPath, ['--import', './scripts/pin-resolution.mjs', '-e', script], {
    cwd: workspaceDir,
    env: { ...process.env, VITE_CJS_IGNORE_WARNING: 'true' },
    encoding: 'utf8',
  })
  return JSON.parse(out) as Record<string, string>
}

describe('uni-app toolchain pins', () => {
  it('resolves vue 3.4.21, vite 5.2.8 and vue-router 4.4.4 for uni-app packages', () => {
    expect(resolvedFromToolchain()).toEqual({
      'uni-h5-vite -> vite': '5.2.8',
      'uni-h5-vite -> vue': '3.4.21',
      'vite-plugin-uni -> vite': '5.2.8',
      'vite-plugin-uni -> vue-router': '4.4.4',
    })
  })
})
