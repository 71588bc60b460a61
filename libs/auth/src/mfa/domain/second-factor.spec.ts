import {
  afterCorrectPassword,
  challengeRefusal,
  codeKind,
  formatRecoveryCode,
  MFA_CODE,
  mfaRequiredFor,
  normalizeRecoveryCode,
  RECOVERY_CODE,
} from './second-factor';

describe('second factor rules', () => {
  it.each([
    [['commission_admin'], ['commission_admin', 'agency_admin'], true],
    [['agency_hiring'], ['commission_admin', 'agency_admin'], false],
    [['agency_hiring', 'agency_admin'], ['agency_admin'], true],
    [['commission_admin'], [], false],
  ] as const)('roles %j with MFA_REQUIRED_ROLES %j: required %s', (roles, required, expected) => {
    expect(mfaRequiredFor(roles, required)).toBe(expected);
  });

  it.each([
    [{ enrolled: true, required: true }, 'challenge'],
    [{ enrolled: true, required: false }, 'challenge'],
    [{ enrolled: false, required: true }, 'enrolment_only'],
    [{ enrolled: false, required: false }, 'full'],
  ] as const)('after a correct password, %j leads to %s', (state, outcome) => {
    expect(afterCorrectPassword(state)).toBe(outcome);
  });

  const t0 = new Date('2026-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  it.each([
    ['unused, before its expiry', { expiresAt: at(300), usedAt: null }, at(299), null],
    ['unused, at its expiry', { expiresAt: at(300), usedAt: null }, at(300), 'expired'],
    ['used, before its expiry', { expiresAt: at(300), usedAt: at(10) }, at(20), 'used'],
    ['used and expired', { expiresAt: at(300), usedAt: at(10) }, at(400), 'used'],
  ] as const)('a challenge %s: %s', (_label, challenge, now, refusal) => {
    expect(challengeRefusal(challenge, now)).toBe(refusal);
  });

  it.each([
    ['123456', 'totp'],
    ['000000', 'totp'],
    ['abcde-fgh23', 'recovery_code'],
    ['ABCDEFGH23', 'recovery_code'],
    ['12345', null],
    ['1234567', null],
    ['12345a', null],
    ['abcde-fgh2', null],
    ['abcde-fgh21', null], // 1 is not in base32
    ['abcde--fgh23', null],
    [' 123456', null],
  ] as const)('%j is a %s code', (code, kind) => {
    expect(codeKind(code)).toBe(kind);
    expect(MFA_CODE.test(code)).toBe(kind !== null);
  });

  it('treats a recovery code with or without its dash, in either case, as one code', () => {
    expect(normalizeRecoveryCode('ABCDE-FGH23')).toBe('abcdefgh23');
    expect(normalizeRecoveryCode('abcdefgh23')).toBe('abcdefgh23');
  });

  it('formats ten base32 characters from ten random bytes, which the code rule accepts', () => {
    const code = formatRecoveryCode(Uint8Array.from([0, 1, 2, 25, 26, 31, 32, 63, 255, 224]));
    expect(code).toBe('abcz2-7a77a');
    expect(RECOVERY_CODE.test(code)).toBe(true);
    expect(() => formatRecoveryCode(new Uint8Array(9))).toThrow();
  });
});
