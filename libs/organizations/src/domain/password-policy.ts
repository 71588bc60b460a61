import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from './common-passwords';

/** API.md: at least 12 characters (ASVS 6.2.1). Upper bound keeps hashing cost bounded. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The API's rule for a password chosen by a person (its DTOs say the same): length, then the common-password list; why it is refused, or null. */
export function passwordPolicyProblem(password: string): string | null {
  // In code points, as the DTOs' MinLength/MaxLength count.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must be at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (isCommonPassword(password)) return `The password ${COMMON_PASSWORD_MESSAGE}.`;
  return null;
}

/** 24 characters of 144 random bits: an administrator's first password, shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * argon2id at OWASP's Password Storage Cheat Sheet baseline (m=19 MiB, t=2, p=1): ~50 ms
 * here, so a login burst cannot starve two cores the way the library default (64 MiB, t=3,
 * p=4) does.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** A valid hash of a random string: unknown users cost the same time as wrong passwords. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
