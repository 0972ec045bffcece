import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { mapFormErrors } from '@/utils/form-errors'

const FIELDS = ['email', 'name', 'roles', 'password'] as const

function validation(fields: { field: string; rule?: string; message: string }[]) {
  return new ApiError({
    status: 422,
    code: 'VALIDATION_FAILED',
    message: 'Some fields are invalid',
    details: { fields: fields.map((field) => ({ rule: 'invalid', ...field })) },
  })
}

describe('mapFormErrors', () => {
  it('puts each validation error under its field, the first message per field winning', () => {
    const error = validation([
      { field: 'email', message: 'The email field must be a valid email address' },
      { field: 'password', message: 'too short' },
      { field: 'password', message: 'second message' },
    ])
    expect(mapFormErrors(error, FIELDS)).toEqual({
      fields: { email: 'The email field must be a valid email address', password: 'too short' },
      form: '',
    })
  })

  it('maps nested paths (roles.0, roles[1]) onto their root field', () => {
    const error = validation([
      { field: 'roles.0', message: 'The selected roles is invalid' },
      { field: 'name[0]', message: 'bad name' },
    ])
    expect(mapFormErrors(error, FIELDS).fields).toEqual({ roles: 'The selected roles is invalid', name: 'bad name' })
  })

  it('shows errors for fields the form does not have above the form', () => {
    const error = validation([
      { field: 'email', message: 'bad email' },
      { field: 'tenant', message: 'The tenant field is invalid' },
    ])
    expect(mapFormErrors(error, FIELDS)).toEqual({ fields: { email: 'bad email' }, form: 'The tenant field is invalid' })
  })

  it('places known codes on their field or above the form, with the given text', () => {
    const codes = {
      EMAIL_TAKEN: { field: 'email' as const, message: '该邮箱已被其他管理员使用' },
      CANNOT_LOCK_OUT_SELF: { message: '不能停用自己的账号' },
    }
    const taken = new ApiError({ status: 409, code: 'EMAIL_TAKEN', message: 'An admin with this email already exists' })
    expect(mapFormErrors(taken, FIELDS, codes)).toEqual({ fields: { email: '该邮箱已被其他管理员使用' }, form: '' })
    const self = new ApiError({ status: 409, code: 'CANNOT_LOCK_OUT_SELF', message: 'You cannot disable yourself' })
    expect(mapFormErrors(self, FIELDS, codes)).toEqual({ fields: {}, form: '不能停用自己的账号' })
  })

  it('falls back to the server message for other errors', () => {
    const forbidden = new ApiError({ status: 403, code: 'FORBIDDEN', message: 'You are not allowed to do this' })
    expect(mapFormErrors(forbidden, FIELDS)).toEqual({ fields: {}, form: 'You are not allowed to do this' })
    const emptyValidation = validation([])
    expect(mapFormErrors(emptyValidation, FIELDS)).toEqual({ fields: {}, form: 'Some fields are invalid' })
    expect(mapFormErrors(new Error('boom'), FIELDS)).toEqual({ fields: {}, form: 'boom' })
  })
})
