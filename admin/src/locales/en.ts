import type { MessageSchema } from './zh-CN'

const en: MessageSchema = {
  app: {
    name: 'Duanju Admin',
    shortName: 'Duanju',
  },
  common: {
    backHome: 'Back to dashboard',
    logout: 'Sign out',
    language: 'Language',
  },
  route: {
    dashboard: 'Dashboard',
    catalog: 'Catalog',
    media: 'Media',
    moderation: 'Moderation',
    users: 'Users',
    orders: 'Orders',
    finance: 'Finance',
    marketing: 'Marketing',
    stats: 'Stats',
    system: 'System',
    admins: 'Admins',
    audit: 'Audit log',
    login: 'Sign in',
    forbidden: 'Forbidden',
    notFound: 'Not found',
  },
  role: {
    admin: 'Administrator',
    operator: 'Operator',
    reviewer: 'Reviewer',
    finance: 'Finance',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Short-drama platform operations console',
    email: 'Email',
    emailPlaceholder: 'Enter your email',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    emailRequired: 'Email is required',
    emailInvalid: 'Enter a valid email address',
    passwordRequired: 'Password is required',
  },
  dashboard: {
    welcome: 'Welcome back, {name}',
    signedInAs: 'Signed in as',
    name: 'Name',
    email: 'Email',
    roles: 'Roles',
    permissions: 'Permissions',
    modules: 'Your modules',
  },
  placeholder: {
    title: '{module} · Coming soon',
    description: 'The {module} module is not available yet; it arrives in a later release.',
  },
  error: {
    forbiddenTitle: '403 · Forbidden',
    forbiddenDescription: 'Your account may not open this page. Ask an administrator if you need access.',
    notFoundTitle: '404 · Page not found',
    notFoundDescription: 'The page you asked for does not exist or has been removed.',
  },
  http: {
    networkError: 'Cannot reach the server. Check your connection and try again.',
    unexpected: 'Request failed (HTTP {status})',
  },
}

export default en
