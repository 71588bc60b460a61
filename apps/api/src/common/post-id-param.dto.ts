import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

/** `:postId` in a path: `<JURISDICTION>-<6 or more digits>`, e.g. `MA-000042`; lower case is accepted. */
export class PostIdParamDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}-[0-9]{6,}$/, { message: 'postId must look like MA-000042' })
  postId: string;
}
