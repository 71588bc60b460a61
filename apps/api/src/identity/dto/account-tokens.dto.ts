import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@app/organizations';
import { IsString } from 'class-validator';
import { NotCommonPassword } from '../../common/not-common-password';
import { MaxLength, MinLength } from '../../common/text-length';

export class PasswordResetDto {
  /** The `token` of the link's fragment (`…/console/reset-password#token=…`). */
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  token: string;

  /** At least 12 characters, not on the common-password list. */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  newPassword: string;
}

export class ActivateAccountDto {
  /** The `token` of the invitation link's fragment (`…/console/activate#token=…`). */
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  token: string;

  /** At least 12 characters, not on the common-password list. */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  password: string;
}

export class PasswordResetIssuedResponse {
  /** The link works once, until then (one hour). */
  expiresAt: Date;
  /**
   * Only when the service has no mail transport (SMTP_URL unset): the link, shown this once, to
   * hand to the user. The token is in its fragment, which browsers never send to a server.
   */
  resetUrl?: string;
}
