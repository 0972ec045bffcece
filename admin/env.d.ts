/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the Duanju API, e.g. https://api.example.com (default http://localhost:3333). */
  readonly VITE_API_BASE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
