import { generateSecret, generateURI, verifySync } from 'otplib';
import { TOTP_PERIOD_SECONDS, TOTP_TOLERANCE_STEPS } from './domain/second-factor';

/** RFC 6238 through otplib (SHA-1, 6 digits, 30 s: what authenticator apps assume). */

/** 20 random bytes (160 bits, RFC 4226's recommendation), base32 as apps take it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(issuer: string, accountName: string, secret: string): string {
  return generateURI({ issuer, label: accountName, secret, period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step `code` belongs to, within one step of `now`, or null. `afterStep`: the last step
 * a code was accepted in; codes of it and of earlier steps are refused, so a code seen once (over
 * a shoulder, in a proxy's log) cannot be replayed, even within its own 30 seconds.
 */
export function acceptedTotpStep(secret: string, code: string, now: Date, afterStep: number | null): number | null {
  try {
    const result = verifySync({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    // otplib's result type spans HOTP too; a TOTP verification reports its time step.
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // otplib throws on a malformed token; the DTO refuses those first, so this is defence only.
    return null;
  }
}
