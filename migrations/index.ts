import { Foundation1764000000000 } from './1764000000000-Foundation';

/** Every migration, in order. New files are added here (explicit, so the build and Jest load the same list). */
export const MIGRATIONS = [Foundation1764000000000];
