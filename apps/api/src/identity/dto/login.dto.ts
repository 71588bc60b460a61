import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@app/organizations';
import { IsEmail, IsString } from 'class-validator';
import { NotCommonPassword } from '../../common/not-common-password';
import { MaxLength, MinLength } from '../../common/text-length';
import { MfaStatusResponse } from './second-factor.dto';

export class LoginDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  /** At least 12 characters, not on the common-password list, and not the current one. */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  newPassword: string;
}

export class AccessTokenResponse {
  accessToken: string;
  /** Always `Bearer`. */
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  /** `true` on the limited token of a user whose roles require a second factor and who has none yet: `GET /me` and enrolment only. */
  mfaEnrolmentRequired?: boolean;
}

export class MeResponse {
  kind: 'user' | 'api_key';
  id: string;
  /** Null for an officer's own account (role `officer`): it belongs to no organization. */
  organizationId: string | null;
  organizationType: 'commission' | 'agency' | 'academy' | null;
  roles: string[];
  /** The second factor: enrolled, and required by the caller's roles (MFA_REQUIRED_ROLES). */
  mfa: MfaStatusResponse;
}
