import { defineConfig } from 'vite'
import uniPlugin from '@dcloudio/vite-plugin-uni'

// vite-plugin-uni is CommonJS with `exports.default`; imported from this ES module config, Node
// hands over the whole exports object.
const uni = (uniPlugin as unknown as { default?: typeof uniPlugin }).default ?? uniPlugin

export default defineConfig({
  plugins: [uni()],
  server: {
    port: 5174,
    strictPort: true,
  },
})
