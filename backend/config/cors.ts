import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/**
 * The admin and the H5 client are served from their own origins. CORS_ORIGINS lists them
 * (comma separated); unset means "reflect any origin", which is what development wants.
 */
const origins = (env.get('CORS_ORIGINS') ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean)

export default defineConfig({
  enabled: true,
  origin: origins.length ? origins : true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: ['x-request-id', 'retry-after', 'content-length', 'content-type'],
  credentials: true,
  maxAge: 600,
})
