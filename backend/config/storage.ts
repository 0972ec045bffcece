import env from '#start/env'
import app from '@adonisjs/core/services/app'

export default {
  driver: env.get('STORAGE_DRIVER'),
  local: {
    root: (() => {
      const root = env.get('STORAGE_LOCAL_ROOT') || 'storage'
      return root.startsWith('/') ? root : app.makePath(root)
    })(),
  },
  oss: {
    region: env.get('OSS_REGION', ''),
    bucket: env.get('OSS_BUCKET', ''),
    accessKeyId: env.get('OSS_ACCESS_KEY_ID', ''),
    accessKeySecret: env.get('OSS_ACCESS_KEY_SECRET')?.release() ?? '',
    endpoint: env.get('OSS_ENDPOINT'),
    cdnDomain: env.get('OSS_CDN_DOMAIN'),
  },
}
