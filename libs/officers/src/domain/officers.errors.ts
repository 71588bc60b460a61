import { ConflictError, InvalidInputError, NotFoundError } from '@app/core';

/** Unknown and not visible read the same (API.md: never leak existence across organizations). */
export const officerNotFound = (postId: string) => new NotFoundError('OFFICER.NOT_FOUND', `No officer with POST ID ${postId}.`);

export interface PossibleDuplicate {
  postId: string;
  name: string;
  matchScore: number;
}

export const possibleDuplicateOfficer = (possibleDuplicates: PossibleDuplicate[]) =>
  new ConflictError(
    'OFFICER.POSSIBLE_DUPLICATE',
    'An officer with the same date of birth and a similar name is already registered; use that record, or repeat the request with ?confirmDistinct=true if this is a different person.',
    { possibleDuplicates },
  );

export const implausibleDateOfBirth = (errors: { field: string; message: string }[]) =>
  new InvalidInputError('OFFICER.INVALID_DATE_OF_BIRTH', 'The date of birth is not plausible; see errors[].', errors);
