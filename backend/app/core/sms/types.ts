export interface SmsMessage {
  /** E.164, e.g. +8613800138000 */
  phone: string
  /** Template parameters, in template order. */
  params: string[]
  /** Echoed back by the provider in receipts; ties a send to our record. */
  context?: string
}

export interface SmsResult {
  provider: 'tencent' | 'log'
  serialNo?: string
  requestId?: string
}

/** A send the provider refused for this number or this request; `code` is the provider's. */
export class SmsSendError extends Error {
  constructor(
    public providerCode: string,
    message: string,
    /** The provider said "too often for this number": surface as 429, never retry. */
    public rateLimited = false
  ) {
    super(message)
    this.name = 'SmsSendError'
  }
}

export interface SmsProvider {
  readonly name: 'tencent' | 'log'
  sendLoginCode(message: SmsMessage): Promise<SmsResult>
}
