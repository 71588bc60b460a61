import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxLength } from './text-length';

/** API.md lists: `?limit=` (default 50, max 500) and `?cursor=`. */
export class PageQueryDto {
  /**
   * Page size. Declared for OpenAPI too: the CLI plugin reads a property with a default as
   * required, which this one is not.
   */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
