import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One refused field (`records.3.hours`), as http/validation.ts flattens class-validator's errors. */
export class ProblemFieldError {
  @ApiProperty({ description: 'Dotted path of the field, e.g. `records.3.hours`.', example: 'dateOfBirth' })
  field: string;

  @ApiProperty({ example: 'dateOfBirth must be a date in YYYY-MM-DD form' })
  message: string;

  @ApiPropertyOptional({ description: 'A machine-readable reason where the rules give one (training completions).' })
  reason?: string;
}

/**
 * The one error body of the API (RFC 9457 application/problem+json), as
 * http/problem-details.filter.ts writes it: the standard members, the stable `code`, and the
 * extensions a DomainError carries (`errors[]` for refused fields, `reasons[]` for refused rules,
 * and a few route-specific ones such as `allowedActions` or `possibleDuplicates`).
 */
export class Problem {
  @ApiProperty({ description: 'Stable URI of the problem type: `urn:post-registry:problem:<code>`.', example: 'urn:post-registry:problem:REQUEST.INVALID' })
  type: string;

  @ApiProperty({ description: "The HTTP status's reason phrase.", example: 'Bad Request' })
  title: string;

  @ApiProperty({ description: 'The HTTP status code, repeated.', example: 400 })
  status: number;

  @ApiProperty({ description: 'What went wrong, for a person to read.', example: 'The request is invalid; see errors[] for each field.' })
  detail: string;

  @ApiProperty({ description: 'Stable code clients may rely on, e.g. `CASE.ILLEGAL_ACTION`.', example: 'REQUEST.INVALID' })
  code: string;

  @ApiPropertyOptional({ description: 'The request path.', example: '/api/v1/officers' })
  instance?: string;

  @ApiPropertyOptional({ type: () => [ProblemFieldError], description: '400: every refused field.' })
  errors?: ProblemFieldError[];

  @ApiPropertyOptional({
    description: '422: every unmet rule at once, as codes (`basic_training_missing`) or records (`{ code: "revoked", since, caseId }`).',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] },
  })
  reasons?: (string | Record<string, unknown>)[];

  @ApiPropertyOptional({ description: '422 on a case: the actions its status allows.', type: [String] })
  allowedActions?: string[];

  @ApiPropertyOptional({
    description: '409 on a new officer: the likely duplicates found.',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  possibleDuplicates?: Record<string, unknown>[];

  @ApiPropertyOptional({ description: '409 on a stale write: the version the request expected.' })
  expectedVersion?: number;

  @ApiPropertyOptional({ description: '409 on a stale write: the version now stored.' })
  currentVersion?: number;
}
