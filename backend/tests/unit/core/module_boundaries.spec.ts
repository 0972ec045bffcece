import { test } from '@japa/runner'
import { ESLint } from 'eslint'
import app from '@adonisjs/core/services/app'

/** The lint rule that keeps modules apart, run on code it must refuse and code it must allow. */
async function boundaryErrors(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: app.makePath() })
  const [result] = await eslint.lintText(code, { filePath: app.makePath(filePath) })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

test.group('Module boundaries (ESLint)', () => {
  test('a module may not import another module’s models', async ({ assert }) => {
    const errors = await boundaryErrors(
      'app/modules/catalog/services/drama_service.ts',
      "import User from '#modules/users/models/user'\nexport const a = User\n"
    )
    assert.lengthOf(errors, 1)
    assert.match(errors[0]!, /only through its services\/ or events\//)
  })

  test('a module may use another module’s services and its own internals', async ({ assert }) => {
    const errors = await boundaryErrors(
      'app/modules/catalog/services/drama_service.ts',
      [
        "import { permissionsFor } from '#modules/users/services/permissions'",
        "import Drama from '#modules/catalog/models/drama'",
        'export const a = [permissionsFor, Drama]',
        '',
      ].join('\n')
    )
    assert.deepEqual(errors, [])
  })

  test('app/core depends on no module internals', async ({ assert }) => {
    const errors = await boundaryErrors(
      'app/core/queue/example.ts',
      "import AdminUser from '#modules/users/models/admin_user'\nexport const a = AdminUser\n"
    )
    assert.lengthOf(errors, 1)
  })
})
