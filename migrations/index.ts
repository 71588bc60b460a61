import { Foundation1764000000000 } from './1764000000000-Foundation';
import { RegistryCore1764000000100 } from './1764000000100-RegistryCore';

/** Every migration, in order. New files are added here (explicit, so the build and Jest load the same list). */
export const MIGRATIONS = [Foundation1764000000000, RegistryCore1764000000100];
