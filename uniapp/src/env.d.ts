/// <reference types="vite/client" />
/// <reference types="@dcloudio/types" />

interface ImportMetaEnv {
  /** Duanju API origin, e.g. http://localhost:3333 */
  readonly VITE_API_BASE?: string
  /** "true" offers the sandbox cashier on H5 (test and staging builds); default: only in `npm run dev`. */
  readonly VITE_PAYMENT_SANDBOX?: string
}
