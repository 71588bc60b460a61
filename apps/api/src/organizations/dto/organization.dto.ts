import { OrganizationEntity } from '@app/organizations';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { PageQueryDto } from '../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationDto {
  @IsIn(['agency', 'academy'])
  type: 'agency' | 'academy';

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Agency ORI or state code: upper-case letters, digits, `-` or `_`, 2 to 32 characters. */
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits, - or _' })
  code: string;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['commission', 'agency', 'academy'])
  type?: 'commission' | 'agency' | 'academy';
}

export class OrganizationResponse {
  id: string;
  type: 'commission' | 'agency' | 'academy';
  name: string;
  code: string;
}

export class OrganizationPage {
  items: OrganizationResponse[];
  nextCursor: string | null;
}

export const toOrganizationResponse = (o: OrganizationEntity): OrganizationResponse => ({ id: o.id, type: o.type, name: o.name, code: o.code });
