import type { Page } from '@app/core';
import type { PossibleDuplicatePair } from '@app/officers';
import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DismissPossibleDuplicateDto {
  /** Why the two records are two people, 1 to 2000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty or only whitespace' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;
}

export class PossibleDuplicateOfficerResponse {
  postId: string;
  name: string;
}

export class PossibleDuplicateResponse {
  id: string;
  /** `confirm_distinct` (created over a duplicate warning), `import` (an import's flag) or `detected` (a later change made two records alike). */
  source: string;
  /** `open`, `dismissed` or `merged`. */
  status: string;
  /** The import that flagged the pair, for `source: import`. */
  importId: string | null;
  /** Name similarity 0..1 when the pair was found. */
  matchScore: number | null;
  createdAt: string;
  resolutionReason: string | null;
  resolvedAt: string | null;
  /** The two records: the one that arose, then the one it resembles. */
  officers: PossibleDuplicateOfficerResponse[];
}

export class PossibleDuplicatePageResponse {
  items: PossibleDuplicateResponse[];
  nextCursor: string | null;
}

export const toPossibleDuplicateResponse = (pair: PossibleDuplicatePair): PossibleDuplicateResponse => ({
  id: pair.id,
  source: pair.source,
  status: pair.status,
  importId: pair.importId,
  matchScore: pair.matchScore,
  createdAt: pair.createdAt.toISOString(),
  resolutionReason: pair.resolutionReason,
  resolvedAt: pair.resolvedAt ? pair.resolvedAt.toISOString() : null,
  officers: pair.officers.map((o) => ({ postId: o.postId, name: o.name })),
});

export const toPossibleDuplicatePage = (page: Page<PossibleDuplicatePair>): PossibleDuplicatePageResponse => ({
  items: page.items.map(toPossibleDuplicateResponse),
  nextCursor: page.nextCursor,
});
