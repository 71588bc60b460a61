import { Role } from '@app/core';

/**
 * The second factor's rules (API.md "Accounts", CJIS 5.6.2.2: advanced authentication for every
 * account that reaches criminal-justice information). Pure: the service loads, locks and persists.
 */

/** RFC 6238 with the defaults every authenticator app uses: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of the current one: a phone clock a little off, or a code typed as it turns. */
export const TOTP_TOLERANCE_STEPS = 1;
/** Between the password and the code: long enough to open an app, short enough to be no session. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** The limited token of a user who must enrol first: enough to scan a code and confirm it. */
export const ENROLMENT_TOKEN_TTL_SECONDS = 15 * 60;
export const RECOVERY_CODE_COUNT = 10;

/** What a correct password leads to. */
export type PasswordOutcome =
  /** Enrolled: the code comes next (`POST /auth/login/mfa`). */
  | 'challenge'
  /** Required but not enrolled: a token good for `GET /me` and enrolment only. */
  | 'enrolment_only'
  /** Neither: the token, as before the second factor existed. */
  | 'full';

export function mfaRequiredFor(roles: readonly Role[], requiredRoles: readonly Role[]): boolean {
  return roles.some((role) => requiredRoles.includes(role));
}

export function afterCorrectPassword(state: { enrolled: boolean; required: boolean }): PasswordOutcome {
  if (state.enrolled) return 'challenge';
  return state.required ? 'enrolment_only' : 'full';
}

export interface ChallengeState {
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a challenge token no longer leads anywhere, or null while it still may. */
export function challengeRefusal(challenge: ChallengeState, now: Date): 'used' | 'expired' | null {
  if (challenge.usedAt) return 'used';
  return challenge.expiresAt.getTime() <= now.getTime() ? 'expired' : null;
}

export const TOTP_CODE = /^[0-9]{6}$/;
/** Ten characters of RFC 4648's base32 alphabet (no 0, 1, 8, 9: nothing to mistake for O, I, B, g). */
export const RECOVERY_CODE = /^[a-z2-7]{5}-?[a-z2-7]{5}$/i;
/** What `code` accepts at the MFA step: a TOTP code or a recovery code, nothing else (a 400 otherwise). */
export const MFA_CODE = /^(?:[0-9]{6}|[a-zA-Z2-7]{5}-?[a-zA-Z2-7]{5})$/;

export type CodeKind = 'totp' | 'recovery_code';

/** Six digits are a TOTP code; ten base32 characters (with or without the dash) a recovery code. */
export function codeKind(code: string): CodeKind | null {
  if (TOTP_CODE.test(code)) return 'totp';
  return RECOVERY_CODE.test(code) ? 'recovery_code' : null;
}

/** The form a recovery code is hashed in: lower case, no dash, so `ABCDE-FGHIJ` and `abcdefghij` are one code. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace('-', '').toLowerCase();
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten characters from 10 random bytes (50 bits each code), shown as `xxxxx-xxxxx`. */
export function formatRecoveryCode(random: Uint8Array): string {
  if (random.length < 10) throw new Error('a recovery code needs 10 random bytes');
  const characters = Array.from(random.subarray(0, 10), (byte) => BASE32[byte & 31]).join('');
  return `${characters.slice(0, 5)}-${characters.slice(5)}`;
}
