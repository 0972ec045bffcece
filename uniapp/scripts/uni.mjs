// Runs the uni CLI (`uni`, `uni build -p mp-weixin`, ...) with the toolchain pinned to this
// workspace's vue/vite; see pin-resolution.mjs. Arguments are passed through unchanged.
import { createRequire } from 'node:module'
import './pin-resolution.mjs'

createRequire(import.meta.url)('@dcloudio/vite-plugin-uni/bin/uni.js')
