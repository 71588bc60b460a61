import { createHash, randomBytes } from 'node:crypto';

/** What a one-use account token lets its holder do: set a forgotten password, or the first one of an invited account. */
export type AccountTokenPurpose = 'password_reset' | 'activation';

/** API.md "Accounts": a reset link works for one hour. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
/** An invitation's default life (the officers' issue may choose another): a week to find the mail. */
export const ACTIVATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** The console screen each purpose's link opens. */
const LINK_PATHS: Record<AccountTokenPurpose, string> = {
  password_reset: '/console/reset-password',
  activation: '/console/activate',
};

/** 256 random bits, base64url (43 characters): the secret the link carries. */
export function generateAccountToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up: the token's SHA-256 (32 bytes). A 256-bit random secret needs no salt or slow hash. */
export function accountTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The link to mail or show once. The token rides in the fragment (`#token=`), which browsers
 * never send to a server: it stays out of every access log and Referer header.
 */
export function accountTokenLink(publicBaseUrl: string, purpose: AccountTokenPurpose, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${LINK_PATHS[purpose]}#token=${encodeURIComponent(token)}`;
}

/** Why a presented token was refused (audited; the caller always sees one generic answer). */
export type AccountTokenRefusal = 'unknown' | 'wrong_purpose' | 'used' | 'revoked' | 'expired' | 'user_disabled';

export interface StoredAccountToken {
  purpose: AccountTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Why a stored token (or none) cannot be used for `purpose` at `now`; null when it can. */
export function accountTokenRefusal(token: StoredAccountToken | null, purpose: AccountTokenPurpose, now: Date): AccountTokenRefusal | null {
  if (!token) return 'unknown';
  if (token.purpose !== purpose) return 'wrong_purpose';
  if (token.usedAt) return 'used';
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/** The mail that carries a link; plain text, nothing in it but the link and its deadline. */
export function accountTokenMail(purpose: AccountTokenPurpose, link: string, expiresAt: Date, registryName: string): { subject: string; text: string } {
  const until = `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (purpose === 'password_reset') {
    return {
      subject: `${registryName}: reset your password`,
      text: [
        'An administrator started a password reset for your account.',
        '',
        `Open this link to choose a new password (it works once, until ${until}):`,
        link,
        '',
        'If you did not expect this, ignore this message and tell your administrator.',
      ].join('\n'),
    };
  }
  return {
    subject: `${registryName}: activate your account`,
    text: ['An account was created for you.', '', `Open this link to choose your password (it works once, until ${until}):`, link].join('\n'),
  };
}
