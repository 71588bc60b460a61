/**
 * ASVS 2.1.7: a password a person chooses is checked against passwords known from breaches.
 * The list is zxcvbn-ts's `passwords-common` dictionary (@zxcvbn-ts/language-common, ~49,000
 * passwords ranked by how often they appeared in leaked password sets), compared case-blind
 * as the list is lower case. Loaded on first use: decompressing it costs ~170 ms, kept off the
 * start-up of every process.
 */
let commonPasswords: ReadonlySet<string> | undefined;

function loadCommonPasswords(): ReadonlySet<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded late on purpose (above)
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  return new Set(dictionary['passwords-common']);
}

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = 'is on a list of common or breached passwords; choose another';
