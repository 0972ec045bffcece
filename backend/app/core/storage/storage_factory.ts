import type { StorageDriver } from '#core/storage/types'
import { LocalStorageDriver } from '#core/storage/local_driver'

export interface StorageConfig {
  driver: 'local' | 'oss'
  local: { root: string }
  oss: {
    region: string
    bucket: string
    accessKeyId: string
    accessKeySecret: string
    endpoint?: string
  }
}

export async function createStorage(config: StorageConfig): Promise<StorageDriver> {
  if (config.driver === 'oss') {
    const { OssStorageDriver } = await import('#core/storage/oss_driver')
    return new OssStorageDriver({
      region: config.oss.region,
      bucket: config.oss.bucket,
      accessKeyId: config.oss.accessKeyId,
      accessKeySecret: config.oss.accessKeySecret,
      ...(config.oss.endpoint ? { endpoint: config.oss.endpoint } : {}),
    })
  }
  return new LocalStorageDriver(config.local.root)
}
