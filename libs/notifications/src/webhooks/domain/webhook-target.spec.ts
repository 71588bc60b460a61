import { addressReasons, classifyAddress, parseWebhookUrl, schemeReasons } from './webhook-target';

describe('classifyAddress', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'public'],
    ['127.0.0.1', 'private'],
    ['127.8.9.10', 'private'],
    ['::1', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['0.0.0.0', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:127.0.0.1', 'private'],
    ['169.254.169.254', 'forbidden'],
    ['169.254.0.1', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['255.255.255.255', 'forbidden'],
    ['not-an-address', 'forbidden'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('parseWebhookUrl', () => {
  it.each([
    ['https://hooks.example.com/post', false, null],
    ['https://hooks.example.com:8443/post?token=x', false, null],
    ['http://hooks.example.com/post', false, ['scheme_not_allowed']],
    ['ftp://hooks.example.com/post', true, ['scheme_not_allowed']],
    ['https://user:pass@hooks.example.com/', false, ['credentials_in_url']],
    ['https://127.0.0.1/hook', false, ['private_address']],
    ['https://127.0.0.1/hook', true, null],
    ['http://127.0.0.1:8080/hook', true, null],
    ['https://[::1]/hook', false, ['private_address']],
    ['https://localhost/hook', false, ['private_address']],
    ['https://localhost/hook', true, null],
    ['https://169.254.169.254/latest/meta-data', false, ['forbidden_address']],
    ['https://169.254.169.254/latest/meta-data', true, ['forbidden_address']],
    ['https://[fe80::1]/hook', true, ['forbidden_address']],
    ['https://metadata.google.internal/computeMetadata/v1/', true, ['forbidden_address']],
    ['https://METADATA.google.internal./', true, ['forbidden_address']],
    ['not a url', false, ['invalid_url']],
    [`https://example.com/${'a'.repeat(2048)}`, false, ['invalid_url']],
  ])('%s (private allowed: %s) → %j', (url, allowPrivate, reasons) => {
    const parsed = parseWebhookUrl(url, allowPrivate);
    if (reasons === null) expect(parsed).toHaveProperty('target');
    else expect(parsed).toEqual({ reasons });
  });

  it('should give the port the scheme implies', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x', false)).toEqual({
      target: { url: 'https://hooks.example.com/x', protocol: 'https:', hostname: 'hooks.example.com', port: 443 },
    });
  });
});

describe('addressReasons and schemeReasons', () => {
  it.each([
    [['93.184.215.14'], false, []],
    [['127.0.0.1'], false, ['private_address']],
    [['127.0.0.1'], true, []],
    [['93.184.215.14', '10.0.0.1'], false, ['private_address']],
    [['169.254.169.254'], true, ['forbidden_address']],
    [['93.184.215.14', '169.254.169.254'], true, ['forbidden_address']],
    [[], true, ['host_not_resolved']],
  ])('%j (private allowed: %s) → %j', (addresses, allowPrivate, reasons) => {
    expect(addressReasons(addresses, allowPrivate)).toEqual(reasons);
  });

  it('should allow plain http to private addresses only', () => {
    expect(schemeReasons({ protocol: 'http:' }, ['127.0.0.1'])).toEqual([]);
    expect(schemeReasons({ protocol: 'http:' }, ['93.184.215.14'])).toEqual(['scheme_not_allowed']);
    expect(schemeReasons({ protocol: 'https:' }, ['93.184.215.14'])).toEqual([]);
  });
});
