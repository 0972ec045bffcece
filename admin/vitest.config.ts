import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['tests/unit/**/*.spec.ts'],
      setupFiles: ['tests/unit/support/setup.ts'],
      restoreMocks: true,
      unstubEnvs: true,
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)
