import { configApp } from '@adonisjs/eslint-config'

/**
 * Module boundaries: a module reaches another module only through its public surface
 * (`services/` and `events/`); `app/core` is cross-cutting and imports no module except the
 * users module's services (identity and permissions are what core middleware checks).
 */
const MODULES = [
  'users',
  'catalog',
  'media',
  'playback',
  'coins',
  'payments',
  'unlocks',
  'membership',
  'tasks',
  'ads',
  'moderation',
  'feed',
  'engagement',
  'stats',
]

const boundaryBlocks = MODULES.map((name) => ({
  files: [`app/modules/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^#modules/(?!${name}/)[^/]+/(?!services/|events/)`,
            message: 'Reach another module only through its services/ or events/ (see docs/modules.md).',
          },
          {
            group: ['../../*/**', '../../../*/**'],
            message: 'Use #modules/<module>/... imports, not relative paths across modules.',
          },
        ],
      },
    ],
  },
}))

export default configApp(
  { ignores: ['tmp/**', 'storage/**', 'database/schema.ts'] },
  // `(await query.first())?.n` reads fine; we do not require a temporary for every await.
  { rules: { '@unicorn/no-await-expression-member': 'off' } },
  ...boundaryBlocks,
  {
    files: ['app/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#modules/(?!users/services/)',
              message: 'app/core is shared by every module and must not depend on one.',
            },
          ],
        },
      ],
    },
  }
)
