const zhCN = {
  app: {
    name: '短剧管理后台',
    shortName: '短剧',
  },
  common: {
    backHome: '返回首页',
    logout: '退出登录',
    language: '语言',
  },
  route: {
    dashboard: '概览',
    catalog: '剧目',
    media: '媒资',
    moderation: '审核',
    users: '用户',
    orders: '订单',
    finance: '财务',
    marketing: '运营',
    stats: '数据',
    system: '系统',
    admins: '管理员',
    audit: '审计日志',
    login: '登录',
    forbidden: '无权访问',
    notFound: '页面不存在',
  },
  role: {
    admin: '超级管理员',
    operator: '运营',
    reviewer: '审核员',
    finance: '财务',
  },
  login: {
    title: '登录',
    subtitle: '短剧平台运营后台',
    email: '邮箱',
    emailPlaceholder: '请输入邮箱',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    emailRequired: '请输入邮箱',
    emailInvalid: '邮箱格式不正确',
    passwordRequired: '请输入密码',
  },
  dashboard: {
    welcome: '欢迎回来，{name}',
    signedInAs: '当前登录账号',
    name: '姓名',
    email: '邮箱',
    roles: '角色',
    permissions: '权限数',
    modules: '可用模块',
  },
  placeholder: {
    title: '{module} · 即将推出',
    description: '「{module}」模块尚未开放，将在后续版本中推出。',
  },
  error: {
    forbiddenTitle: '403 · 无权访问',
    forbiddenDescription: '当前账号没有访问此页面的权限，如需开通请联系超级管理员。',
    notFoundTitle: '404 · 页面不存在',
    notFoundDescription: '您访问的页面不存在或已被移除。',
  },
  http: {
    networkError: '无法连接服务器，请检查网络后重试',
    unexpected: '请求失败（HTTP {status}）',
  },
}

export type MessageSchema = typeof zhCN

export default zhCN
