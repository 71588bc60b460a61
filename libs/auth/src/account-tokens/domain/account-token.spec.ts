import {
  accountTokenHash,
  accountTokenLink,
  accountTokenMail,
  accountTokenRefusal,
  generateAccountToken,
  PASSWORD_RESET_TTL_MS,
  StoredAccountToken,
} from './account-token';

const now = new Date('2026-03-01T12:00:00Z');
const open: StoredAccountToken = { purpose: 'password_reset', expiresAt: new Date(now.getTime() + 1), usedAt: null, revokedAt: null };

describe('account tokens (pure)', () => {
  it.each([
    ['no such token', null, 'password_reset', 'unknown'],
    ['open, right purpose', open, 'password_reset', null],
    ['open, other purpose', open, 'activation', 'wrong_purpose'],
    ['used', { ...open, usedAt: now }, 'password_reset', 'used'],
    ['revoked', { ...open, revokedAt: now }, 'password_reset', 'revoked'],
    ['expiring this instant', { ...open, expiresAt: now }, 'password_reset', 'expired'],
    ['expired', { ...open, expiresAt: new Date(now.getTime() - 1) }, 'password_reset', 'expired'],
  ] as const)('%s -> %s', (_name, token, purpose, refusal) => {
    expect(accountTokenRefusal(token, purpose, now)).toBe(refusal);
  });

  it('makes 256-bit base64url tokens, never the same twice, stored as their SHA-256', () => {
    const tokens = Array.from({ length: 100 }, generateAccountToken);
    expect(new Set(tokens).size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(accountTokenHash(tokens[0])).toHaveLength(32);
    expect(accountTokenHash(tokens[0]).equals(accountTokenHash(tokens[0]))).toBe(true);
    expect(accountTokenHash(tokens[0]).equals(accountTokenHash(tokens[1]))).toBe(false);
  });

  it('puts the token in the fragment of the console link, which no server sees', () => {
    expect(accountTokenLink('https://post.example.test/', 'password_reset', 'abc_-1')).toBe('https://post.example.test/console/reset-password#token=abc_-1');
    expect(accountTokenLink('http://localhost:3000', 'activation', 'xyz')).toBe('http://localhost:3000/console/activate#token=xyz');
  });

  it('lasts one hour for a reset, and mails the link with its deadline', () => {
    expect(PASSWORD_RESET_TTL_MS).toBe(3_600_000);
    const mail = accountTokenMail('password_reset', 'https://x/console/reset-password#token=t', new Date('2026-03-01T13:00:00Z'), 'POST Commission');
    expect(mail.subject).toBe('POST Commission: reset your password');
    expect(mail.text).toContain('https://x/console/reset-password#token=t');
    expect(mail.text).toContain('2026-03-01 13:00 UTC');
  });
});
