import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no devtools hook in production bundles.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    // Element Plus's root entry reads its installer at module level, which keeps every component in
    // the bundle (~800 kB, ~250 kB gzip). It gets a chunk of its own that browsers cache across releases.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          // The preview player's hls.js (~500 kB) is imported on demand: its own chunk, not in every page load.
          if (id.includes('node_modules/hls.js')) return 'hls'
          if (id.includes('node_modules/')) return 'vendor'
          return undefined
        },
      },
    },
  },
})
