import env from '#start/env'

export default {
  mp: {
    appId: env.get('WECHAT_MP_APPID', ''),
    secret: env.get('WECHAT_MP_SECRET')?.release() ?? '',
    apiBase: env.get('WECHAT_API_BASE', 'https://api.weixin.qq.com'),
  },
}
