export * from './training.module';
export * from './training-facts.service';
export * from './courses.service';
export * from './training-completions.service';
export type { StoredCompletion } from './persistence/completion.store';
export * from './domain/completion-record';
export * from './domain/course';
export { batchBodyNotRecords, batchTooLarge, csvEmpty, csvHeaderInvalid, csvMalformed } from './domain/training.errors';
export { CourseEntity } from './persistence/course.entity';
