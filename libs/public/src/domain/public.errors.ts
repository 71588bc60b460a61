import { InvalidInputError, NotFoundError } from '@app/core';

/** Unknown and unlisted POST IDs are the same 404. */
export const publicOfficerNotFound = (postId: string) => new NotFoundError('PUBLIC.OFFICER_NOT_FOUND', `No public record for POST ID ${postId}.`);

export const invalidPublicName = (message: string) => new InvalidInputError('PUBLIC.INVALID_NAME', message, [{ field: 'name', message }]);
