import { canonicalJson } from './canonical-json';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('canonicalJson (RFC 8785)', () => {
  it.each<[string, unknown, string]>([
    ['sorted keys at every depth', { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}'],
    // eslint-disable-next-line no-loss-of-precision -- the RFC's own literal: that it reads as 333333333.3333333 is the point
    ['RFC 8785 §3.2.2 numbers', [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], '[333333333.3333333,1e+30,4.5,0.002,1e-27]'],
    ['RFC 8785 §3.2.2 literals', [null, true, false], '[null,true,false]'],
    ['RFC 8785 §3.2.2 string escapes', '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/', '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'],
    [
      "RFC 8785 §3.2.3 member order by UTF-16 code units (the emoji's surrogate sorts before U+FB33)",
      {
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      },
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    ['a Date as the ISO string JSON stores (was {})', { at: new Date('2026-12-07T13:00:00.000Z') }, '{"at":"2026-12-07T13:00:00.000Z"}'],
    ['a function inside an array as null (was the invalid [1,])', [1, () => 2], '[1,null]'],
    ['undefined and symbols inside an array as null', [undefined, Symbol('s')], '[null,null]'],
    ['undefined, functions and symbols dropped from objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, '{"d":1}'],
    ['NaN and infinities as null, as JSON.stringify writes them', [NaN, Infinity, -Infinity], '[null,null,null]'],
    ['negative zero as 0', -0, '0'],
    ['boxed primitives as their values', [new Number(1), new String('s'), new Boolean(false)], '[1,"s",false]'],
    ['a toJSON of its own', { x: { toJSON: () => ({ b: 2, a: 1 }) } }, '{"x":{"a":1,"b":2}}'],
    ['undefined at the top as null', undefined, 'null'],
    ['an empty object and array', { o: {}, a: [] }, '{"a":[],"o":{}}'],
    [
      'a shared (not circular) reference twice',
      (() => {
        const shared = { k: 1 };
        return { a: shared, b: shared };
      })(),
      '{"a":{"k":1},"b":{"k":1}}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['a BigInt', { n: BigInt(1) }],
    [
      'a circular structure',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
  ])('throws on %s, as JSON.stringify does', (_name, value) => {
    expect(() => JSON.stringify(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  // The audit chain hashes an entry as written and verifies it from the JSON PostgreSQL stored.
  it.each<[string, unknown]>([
    ['dates nested in arrays', { changes: [{ from: new Date(0), to: new Date('2030-01-01') }] }],
    ['functions, symbols, undefined and non-finite numbers', { f: () => 1, list: [() => 1, Symbol('x'), undefined, NaN], n: -Infinity, u: undefined }],
    ['keys built in different orders', { z: { b: [3, { d: 1, c: 2 }], a: 'x' }, y: true }],
    ['unicode keys and strings', { é: 'ü', '\ud83d\ude00': '\u2028', e: '\u0000' }],
  ])('serialises %s exactly as its stored JSON', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalJson(roundTrip(value)));
    expect(() => JSON.parse(canonicalJson(value)) as unknown).not.toThrow();
  });
});
