import { test } from '@japa/runner'
import { TencentSmsProvider } from '#core/sms/tencent_provider'
import { SmsSendError } from '#core/sms/types'
import { FakeTencentSms } from '#tests/fixtures/tencent_sms_server'

function provider(url: string, secretKey: string) {
  return new TencentSmsProvider({
    secretId: 'AKIDtestsms',
    secretKey,
    region: 'ap-guangzhou',
    sdkAppId: '1400000001',
    signName: '短剧测试',
    loginTemplateId: '100001',
    endpoint: new URL(url).host,
    protocol: 'http://',
  })
}

test.group('Tencent Cloud SMS (SendSms through the SDK)', (group) => {
  const fake = new FakeTencentSms()
  let url = ''
  group.setup(async () => {
    url = await fake.start()
    return () => fake.stop()
  })

  test('sends the login template to an E.164 number with a verified TC3 signature', async ({
    assert,
  }) => {
    const result = await provider(url, fake.secretKey).sendLoginCode({
      phone: '+8613800138000',
      params: ['483920', '5'],
      context: 'login:+8613800138000',
    })
    assert.equal(result.provider, 'tencent')
    assert.match(result.serialNo!, /^sn-/)
    const sent = fake.sent.at(-1)!
    assert.equal(sent.phone, '+8613800138000')
    assert.deepEqual(sent.params, ['483920', '5'])
    assert.deepInclude(sent.body, {
      SmsSdkAppId: '1400000001',
      SignName: '短剧测试',
      TemplateId: '100001',
      SessionContext: 'login:+8613800138000',
    })
  })

  test('a request signed with the wrong key is refused by the signature check', async ({
    assert,
  }) => {
    const before = fake.rejectedSignatures
    const error = await provider(url, 'not-the-key')
      .sendLoginCode({ phone: '+8613800138001', params: ['1', '5'] })
      .catch((e) => e)
    assert.instanceOf(error, SmsSendError)
    assert.equal(error.providerCode, 'AuthFailure.SignatureFailure')
    assert.equal(fake.rejectedSignatures, before + 1)
  })

  test('a per-number refusal does not throw in the SDK but does in our provider', async ({
    assert,
  }) => {
    fake.numberCodes.set('+8613800138002', 'LimitExceeded.PhoneNumberDailyLimit')
    fake.numberCodes.set('+8613800138003', 'FailedOperation.PhoneNumberInBlacklist')
    const limited = await provider(url, fake.secretKey)
      .sendLoginCode({ phone: '+8613800138002', params: ['1', '5'] })
      .catch((e) => e)
    assert.equal(limited.providerCode, 'LimitExceeded.PhoneNumberDailyLimit')
    assert.isTrue(limited.rateLimited)
    const blacklisted = await provider(url, fake.secretKey)
      .sendLoginCode({ phone: '+8613800138003', params: ['1', '5'] })
      .catch((e) => e)
    assert.equal(blacklisted.providerCode, 'FailedOperation.PhoneNumberInBlacklist')
    assert.isFalse(blacklisted.rateLimited)
  })

  test('a request-level error (unapproved signature) is reported with its code', async ({
    assert,
  }) => {
    fake.nextError = 'FailedOperation.SignatureIncorrectOrUnapproved'
    const error = await provider(url, fake.secretKey)
      .sendLoginCode({ phone: '+8613800138004', params: ['1', '5'] })
      .catch((e) => e)
    assert.equal(error.providerCode, 'FailedOperation.SignatureIncorrectOrUnapproved')
  })
})
