import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { vi } from 'vitest'

/**
 * jsdom brings its own FormData, File and Blob, which Node's fetch (undici) cannot send: it would
 * post the text "[object FormData]". A browser's fetch sends its own FormData, so upload tests put
 * Node's own classes in place, the same pairing a browser has. Undo with vi.unstubAllGlobals().
 */
export async function useNodeFormData(): Promise<void> {
  // Node's FormData class is only reachable through something that makes one.
  const parsed = await new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()
  const NodeFormData = parsed.constructor
  vi.stubGlobal('FormData', NodeFormData)
  vi.stubGlobal('File', NodeFile)
  vi.stubGlobal('Blob', NodeBlob)
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
