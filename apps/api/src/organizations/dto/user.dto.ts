import { ROLES, Role } from '@app/core';
import { ApiKeyEntity, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, UserEntity } from '@app/organizations';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsString } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto';
import { NotCommonPassword } from '../../common/not-common-password';
import { MaxLength, MinLength } from '../../common/text-length';

export class CreateUserDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 12 characters, not on the common-password list. */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  password: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class CreateApiKeyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class UserResponse {
  id: string;
  email: string;
  roles: string[];
  /** Null for an officer's own account. */
  organizationId: string | null;
  locked: boolean;
  disabled: boolean;
}

export class ApiKeyResponse {
  id: string;
  name: string;
  roles: string[];
  revoked: boolean;
}

export class CreatedApiKeyResponse {
  id: string;
  name: string;
  /** Shown once; only its hash is stored. */
  key: string;
  roles: string[];
}

export const toUserResponse = (u: UserEntity, now = new Date()): UserResponse => ({
  id: u.id,
  email: u.email,
  roles: u.roles,
  organizationId: u.organizationId,
  locked: u.lockedUntil !== null && u.lockedUntil > now,
  disabled: u.disabledAt !== null,
});

export const toApiKeyResponse = (k: ApiKeyEntity): ApiKeyResponse => ({ id: k.id, name: k.name, roles: k.roles, revoked: k.revokedAt !== null });

/** `?limit=&cursor=` only: any other parameter is a 400. */
export class ListMembersQueryDto extends PageQueryDto {}

export class UserPage {
  items: UserResponse[];
  nextCursor: string | null;
}

export class ApiKeyListItem extends ApiKeyResponse {
  createdAt: string;
}

export class ApiKeyPage {
  items: ApiKeyListItem[];
  nextCursor: string | null;
}

export const toApiKeyListItem = (k: ApiKeyEntity): ApiKeyListItem => ({ ...toApiKeyResponse(k), createdAt: k.createdAt.toISOString() });
