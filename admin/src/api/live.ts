import { Transmit } from '@adonisjs/transmit-client'
import type { LiveHandlers, LiveSource } from '@/utils/processingFeed'

export interface TransmitSourceOptions {
  /** The API origin: /__transmit/events, /subscribe and /unsubscribe live under it. */
  baseUrl: string
  getToken: () => string | null
  /** Reconnections of the event stream before giving up (the feed then keeps polling). */
  maxReconnectAttempts?: number
}

export interface ClosableLiveSource extends LiveSource {
  close(): void
}

/**
 * The server's SSE channels through AdonisJS transmit. Subscribing is authorised with the admin's
 * bearer token; a channel counts as live once its subscription is confirmed, and stops counting
 * when the stream drops or a subscription is refused (transmit does not say which channel a refusal
 * was for, so every channel of this source goes back to polling).
 */
export function transmitSource(options: TransmitSourceOptions): ClosableLiveSource {
  const channels = new Map<string, LiveHandlers>()
  const down = () => {
    for (const handlers of channels.values()) handlers.status(false)
  }
  const authorize = (request: Request) => {
    const token = options.getToken()
    if (token) request.headers.set('Authorization', `Bearer ${token}`)
  }
  const transmit = new Transmit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    maxReconnectAttempts: options.maxReconnectAttempts ?? 10,
    beforeSubscribe: authorize,
    beforeUnsubscribe: authorize,
    onSubscription: (channel) => channels.get(channel)?.status(true),
    onSubscribeFailed: down,
    onReconnectFailed: down,
  })
  transmit.on('disconnected', down)
  // Subscribing before the stream is open makes transmit retry every 100 ms, without end when it
  // never opens; so channels are created once it is (transmit re-creates them after a reconnection).
  let connected = false
  transmit.on('connected', () => {
    connected = true
    for (const channel of channels.keys()) void transmit.subscription(channel).create()
  })

  return {
    subscribe(channel, handlers) {
      channels.set(channel, handlers)
      const subscription = transmit.subscription(channel)
      const stopListening = subscription.onMessage<unknown>((message) => handlers.message(message))
      if (connected) void subscription.create()
      return () => {
        stopListening()
        channels.delete(channel)
        void subscription.delete()
      }
    },
    close() {
      channels.clear()
      transmit.close()
    },
  }
}
