import { test } from '@japa/runner'
import { maskPhone, normalizePhone } from '#modules/users/services/phone'
import { sniffImage } from '#core/images'

test.group('Phone numbers', () => {
  test('mainland numbers in every common spelling become E.164', ({ assert }) => {
    for (const input of [
      '13800138000',
      '+8613800138000',
      '8613800138000',
      '008613800138000',
      '138 0013 8000',
      '138-0013-8000',
    ]) {
      assert.equal(normalizePhone(input), '+8613800138000', input)
    }
    assert.equal(normalizePhone('+14155550123'), '+14155550123')
  })

  test('garbage is refused', ({ assert }) => {
    for (const input of [
      '',
      '12345',
      '2380013800',
      '+86123',
      '+8612800138000',
      'phone',
      '1380013800a',
    ]) {
      assert.isNull(normalizePhone(input), input)
    }
  })

  test('masking keeps the first three and last four local digits', ({ assert }) => {
    assert.equal(maskPhone('+8613800138000'), '138****8000')
    assert.isNull(maskPhone(null))
  })

  test('avatar images are recognised by content, not name', ({ assert }) => {
    assert.equal(
      sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext,
      'png'
    )
    assert.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.ext, 'jpg')
    assert.equal(sniffImage(Buffer.from('RIFF0000WEBPVP8 '))?.ext, 'webp')
    assert.isNull(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))
  })
})
