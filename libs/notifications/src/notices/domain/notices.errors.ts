import { InvalidInputError, NotFoundError } from '@app/core';

export const NOTICE_ERROR_CODES = {
  invalidSubject: 'NOTICE.INVALID_SUBJECT',
  officerNotFound: 'OFFICER.NOT_FOUND',
} as const;

/** A caller in the registry asked for a notice without a subject it can name (a programming error, never a client's). */
export const invalidNoticeSubject = (detail: string) => new InvalidInputError(NOTICE_ERROR_CODES.invalidSubject, `A notice needs a subject: ${detail}`);

/** Another officer's notices read as an unknown POST ID: the same 404 (and code) as the officers context answers. */
export const noticesNotVisible = (postId: string) => new NotFoundError(NOTICE_ERROR_CODES.officerNotFound, `No officer with POST ID ${postId}.`);
