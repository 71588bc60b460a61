import { exceedsJsonDepth } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('exceedsJsonDepth', () => {
  it.each<[string, string, number, boolean]>([
    ['a scalar', '"x"', 0, false],
    ['an empty object at the limit', '{}', 1, false],
    ['an empty object past a zero limit', '{}', 0, true],
    ['siblings do not add up', '[[],[],{"a":[]}]', 3, false],
    ['three levels at a limit of two', '[[[]]]', 2, true],
    ['brackets inside a string are text', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[[]]}', 2, true],
    ['multi-byte characters around brackets', '{"é😀":["ü"]}', 2, false],
    ['an unterminated string hides what follows', '["[[[[', 1, false],
  ])('%s', (_name, text, limit, expected) => {
    expect(exceedsJsonDepth(bytes(text), limit)).toBe(expected);
  });

  it('reads 20,000 levels without recursion', () => {
    expect(exceedsJsonDepth(bytes('['.repeat(20_000) + ']'.repeat(20_000)), 32)).toBe(true);
  });
});
