import env from '#start/env'
import app from '@adonisjs/core/services/app'
import proxyAddr from 'proxy-addr'
import { defineConfig } from '@adonisjs/core/http'

export const appName = env.get('APP_NAME', 'duanju')
export const appUrl = env.get('APP_URL')
/** "Today" for sign-ins and daily caps is computed in this zone; the database stores UTC. */
export const businessTimezone = env.get('BUSINESS_TIMEZONE', 'Asia/Shanghai')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  // The logger reads the current request from async local storage to stamp request ids.
  useAsyncLocalStorage: true,
  // X-Forwarded-For is believed only from these proxies (rate limits and audit IPs depend on it).
  trustProxy: proxyAddr.compile(
    env
      .get('TRUST_PROXY', 'loopback,uniquelocal')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
