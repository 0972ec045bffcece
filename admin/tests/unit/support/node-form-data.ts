import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { transferableAbortController } from 'node:util'
import { vi } from 'vitest'

/**
 * jsdom brings its own FormData, File, Blob and AbortController, which Node's fetch (undici)
 * cannot take: it would post the text "[object FormData]", and it refuses jsdom's abort signals
 * (jsdom's Blob cannot even read its bytes). A browser's fetch takes its own, so upload tests put
 * Node's classes in place, the same pairing a browser has. Undo with vi.unstubAllGlobals().
 */
export async function useNodeFormData(): Promise<void> {
  // Node's FormData class is only reachable through something that makes one.
  const parsed = await new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()
  const NodeFormData = parsed.constructor
  vi.stubGlobal('FormData', NodeFormData)
  vi.stubGlobal('File', NodeFile)
  vi.stubGlobal('Blob', NodeBlob)
  vi.stubGlobal('AbortController', transferableAbortController().constructor)
}

/** A valid 3×4 RGB PNG (what the server sniffs for), built by hand. */
export function tinyPng(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAMAAAAECAIAAADETxJQAAAAEElEQVR4nGP43+AAQQx4WQCsOxT19tJRYAAAAABJRU5ErkJggg==',
      'base64',
    ),
  )
}
