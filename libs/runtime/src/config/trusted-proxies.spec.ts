import { parseTrustedProxies } from './trusted-proxies';

describe('parseTrustedProxies', () => {
  it.each([
    ['', false],
    ['false', false],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.7', ['10.0.0.0/8', '192.168.1.7']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ['10.0.0.0/1', ['10.0.0.0/1']],
  ])('reads %j as %j', (value, expected) => {
    expect(parseTrustedProxies(value)).toEqual(expected);
  });

  it.each([
    ['true', 'trusting every peer lets any client choose its own address'],
    ['1', 'a hop count: Fastify 5 trusts nobody for one'],
    ['0.0.0.0/0', 'every IPv4 address: trusting every peer'],
    ['::/0', 'every IPv6 address'],
    ['10.0.0.0/8,0.0.0.0/0', 'one entry of every address among others'],
    ['10.0.0.0/33', 'prefix longer than an IPv4 address'],
    ['::/129', 'prefix longer than an IPv6 address'],
    ['10.0.0.0/8/8', 'two prefixes'],
    ['10.0.0.0/', 'empty prefix'],
    ['10.0.0.0/x', 'prefix not a number'],
    ['proxy.internal', 'a host name (proxy-addr matches addresses only)'],
    ['127.0.0.1,', 'empty entry'],
    ['256.0.0.1', 'not an address'],
  ])('refuses %j (%s)', (value) => {
    expect(parseTrustedProxies(value)).toBeUndefined();
  });
});
