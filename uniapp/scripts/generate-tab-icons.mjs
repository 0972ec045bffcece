// Draws the tab bar icons (81x81 PNG, the size uni-app recommends) from signed distance
// functions, so they can be regenerated or restyled without an image editor:
//   node scripts/generate-tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'

const SIZE = 81
const STROKE = 0.065
const COLORS = { inactive: [0x8a, 0x8a, 0x8f], active: [0xff, 0x3b, 0x5c] }
const OUT_DIR = new URL('../src/static/tabbar/', import.meta.url)

// Distances are in units of the icon width; negative inside.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r
const box = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}
const segment = (ax, ay, bx, by) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay))
}
const triangle = (points) => (x, y) => {
  const edges = points.map((p, i) => [p, points[(i + 1) % points.length]])
  const dist = Math.min(...edges.map(([a, b]) => segment(a[0], a[1], b[0], b[1])(x, y)))
  const sides = edges.map(([a, b]) => Math.sign((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])))
  const inside = sides.every((s) => s >= 0) || sides.every((s) => s <= 0)
  return inside ? -dist : dist
}
const stroke = (shape, width = STROKE) => (x, y) => Math.abs(shape(x, y)) - width / 2
const line = (ax, ay, bx, by, width = STROKE) => (x, y) => segment(ax, ay, bx, by)(x, y) - width / 2
const above = (shape, limitY) => (x, y) => Math.max(shape(x, y), y - limitY)

const ICONS = {
  // Screen with a play button.
  feed: [stroke(box(0.5, 0.5, 0.34, 0.3, 0.08)), triangle([[0.42, 0.36], [0.42, 0.64], [0.63, 0.5]])],
  // Category grid.
  theater: [
    stroke(box(0.31, 0.31, 0.13, 0.13, 0.04)),
    stroke(box(0.69, 0.31, 0.13, 0.13, 0.04)),
    stroke(box(0.31, 0.69, 0.13, 0.13, 0.04)),
    stroke(box(0.69, 0.69, 0.13, 0.13, 0.04)),
  ],
  // Gift box.
  rewards: [
    stroke(box(0.5, 0.66, 0.27, 0.2, 0.03)),
    stroke(box(0.5, 0.4, 0.33, 0.07, 0.03)),
    line(0.5, 0.33, 0.5, 0.86),
    stroke(circle(0.41, 0.24, 0.08)),
    stroke(circle(0.59, 0.24, 0.08)),
  ],
  // Head and shoulders.
  me: [stroke(circle(0.5, 0.32, 0.15)), above(stroke(box(0.5, 0.84, 0.3, 0.24, 0.22)), 0.84), line(0.2, 0.84, 0.8, 0.84)],
}

function render(shapes, [r, g, b]) {
  const rows = []
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4) // filter byte 0, then RGBA
    for (let px = 0; px < SIZE; px++) {
      const x = (px + 0.5) / SIZE
      const y = (py + 0.5) / SIZE
      const d = Math.min(...shapes.map((shape) => shape(x, y))) * SIZE
      const alpha = Math.max(0, Math.min(1, 0.5 - d))
      row.set([r, g, b, Math.round(alpha * 255)], 1 + px * 4)
    }
    rows.push(row)
  }
  return Buffer.concat(rows)
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

function png(pixels) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT_DIR, { recursive: true })
for (const [name, shapes] of Object.entries(ICONS)) {
  writeFileSync(new URL(`${name}.png`, OUT_DIR), png(render(shapes, COLORS.inactive)))
  writeFileSync(new URL(`${name}-active.png`, OUT_DIR), png(render(shapes, COLORS.active)))
}
