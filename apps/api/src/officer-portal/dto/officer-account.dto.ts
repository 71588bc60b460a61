import { IsBoolean, IsEmail, IsOptional, IsString } from 'class-validator';
import { Transform } from 'class-transformer';
import { MaxLength, MinLength } from '../../common/text-length';

export class InviteOfficerDto {
  /** Where the invitation goes; the account's sign-in name. */
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class OfficerInvitationResponse {
  /** The activation link works once, until then (a week). */
  expiresAt: Date;
  /**
   * Only when the service has no mail transport (SMTP_URL unset): the link, shown this once, to
   * hand to the officer. The token is in its fragment (`…/console/activate#token=…`).
   */
  activationUrl?: string;
}

/** The officer's answer to a case's notice (the `record_response` action, by the officer). */
export class OfficerAnswerDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(10_000)
  summary: string;

  @IsBoolean()
  hearingRequested: boolean;

  @IsOptional()
  @IsBoolean()
  waivesHearing?: boolean;
}
