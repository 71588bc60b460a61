import { isCommonPassword } from './common-passwords';
import { generatePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordPolicyProblem } from './password-policy';

describe('passwordPolicyProblem (the API rule, for callers without its DTOs: the CLI)', () => {
  it.each([
    ['a'.repeat(PASSWORD_MIN_LENGTH - 1), 'The password must be at least 12 characters.'],
    ['a'.repeat(PASSWORD_MIN_LENGTH), null],
    // Counted in code points as the DTOs count: 11 astral letters are 22 UTF-16 units and still too short.
    ['𝒜'.repeat(PASSWORD_MIN_LENGTH - 1), 'The password must be at least 12 characters.'],
    ['a'.repeat(PASSWORD_MAX_LENGTH), null],
    ['a'.repeat(PASSWORD_MAX_LENGTH + 1), 'The password must be at most 128 characters.'],
    // ASVS 2.1.7: long enough, but known from breaches (zxcvbn-ts's common list), in any case.
    ['password1234', 'The password is on a list of common or breached passwords; choose another.'],
    ['1qaz2wsx3edc', 'The password is on a list of common or breached passwords; choose another.'],
    ['QwErTy123456', 'The password is on a list of common or breached passwords; choose another.'],
    ['correct-horse-battery-staple', null],
  ])('%j -> %j', (password, problem) => {
    expect(passwordPolicyProblem(password)).toBe(problem);
  });

  it('generates passwords the rule accepts, never the same twice', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) expect(passwordPolicyProblem(password)).toBeNull();
    expect(new Set(passwords).size).toBe(50);
  });

  it('checks the common list only for what it holds', () => {
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('administrator')).toBe(true);
    expect(isCommonPassword(generatePassword())).toBe(false);
  });
});
