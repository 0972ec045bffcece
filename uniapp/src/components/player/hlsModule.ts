// What HlsVideo.vue loads on demand. The dynamic import goes through this module of ours so uni's
// H5 build names the chunk after it: a chunk named after a file in the hoisted ../node_modules
// gets a name starting with ".." and an import specifier the browser cannot resolve.
export { default } from 'hls.js'
