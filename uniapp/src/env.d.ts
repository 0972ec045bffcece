/// <reference types="vite/client" />
/// <reference types="@dcloudio/types" />

interface ImportMetaEnv {
  /** Duanju API origin, e.g. http://localhost:3333 */
  readonly VITE_API_BASE?: string
}
