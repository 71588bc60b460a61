import { IsEmail, IsString } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';

export class LoginDto {
  @IsEmail() @MaxLength(254)
  email: string;

  @IsString() @MinLength(1) @MaxLength(128)
  password: string;
}

export class AccessTokenResponse {
  accessToken: string;
  /** Always `Bearer`. */
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
}

export class MeResponse {
  kind: 'user' | 'api_key';
  id: string;
  organizationId: string;
  organizationType: 'commission' | 'agency' | 'academy';
  roles: string[];
}
