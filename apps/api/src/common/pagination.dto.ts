import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/core';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxLength } from './text-length';

/** API.md lists: `?limit=` (default 50, max 500) and `?cursor=`. */
export class PageQueryDto {
  /** Page size. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}
