import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { uniConditionalCompilation } from './tests/unit/support/conditional-compilation'

export default defineConfig({
  plugins: [uniConditionalCompilation('h5')],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
})
