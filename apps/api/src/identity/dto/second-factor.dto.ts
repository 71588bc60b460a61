import { MFA_CODE, TOTP_CODE_PATTERN } from '@app/auth';
import { IsString, Matches } from 'class-validator';
import { MaxLength } from '../../common/text-length';

export class ConfirmTotpDto {
  /** The six-digit code the authenticator app shows for the new secret. */
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: 'code must be the six digits of the authenticator app' })
  code: string;
}

export class LoginSecondFactorDto {
  /** The `challengeToken` of `POST /auth/login` (five minutes, one use). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'challengeToken must be the challengeToken of POST /auth/login' })
  challengeToken: string;

  /** Six digits of the authenticator app, or an unused recovery code (`xxxxx-xxxxx`). */
  @IsString()
  @MaxLength(11)
  @Matches(MFA_CODE, { message: 'code must be six digits or a recovery code (xxxxx-xxxxx)' })
  code: string;
}

export class MfaChallengeResponse {
  /** Always `true`: the code is due at `POST /auth/login/mfa`. */
  mfaRequired: true;
  /** Send it with the code; good for one sign-in within `expiresIn` seconds. */
  challengeToken: string;
  /** Seconds until the challenge expires (300). */
  expiresIn: number;
}

export class TotpEnrolmentResponse {
  /** The base32 secret, for typing into an app by hand; shown once. */
  secret: string;
  /** The same secret as an `otpauth://totp/…` URI, for a QR code. */
  otpauthUri: string;
}

export class RecoveryCodesResponse {
  /** Ten one-use codes (`xxxxx-xxxxx`), each good for one sign-in instead of a TOTP code; shown this once only. */
  recoveryCodes: string[];
}

export class MfaStatusResponse {
  /** A confirmed TOTP factor exists. */
  enrolled: boolean;
  /** The user's roles are among MFA_REQUIRED_ROLES. */
  required: boolean;
}

export class MfaResetResponse {
  /** The user whose factor was cleared. */
  id: string;
  mfa: MfaStatusResponse;
}
