/** DOMAIN.md "Entities": a course the commission recognises. */
export const COURSE_KINDS = ['basic', 'in_service', 'specialized'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

/** numeric(6,2) with CHECK (hours > 0 AND hours <= 2000) in the table. */
export const MAX_COURSE_HOURS = 2000;
export const COURSE_TITLE_MAX = 200;

/** The table's CHECK: upper-case letters, digits, `_`, `.` or `-`, 2 to 32 characters. */
export const COURSE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_.-]{1,31}$/;
