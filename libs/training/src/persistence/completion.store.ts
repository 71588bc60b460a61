import { Injectable } from '@nestjs/common';
import { IsoDate } from '@app/core';
import { OfficerEntity } from '@app/officers';
import { EntityManager } from 'typeorm';
import { CompletionInput, completionDateError, completionHoursError, FieldError, sameCompletion, sortFieldErrors } from '../domain/completion-record';
import { CourseRef, CoursesService } from '../courses.service';

/** A record that passed the shape rules, with its 1-based row number in the request. */
export interface CheckedCompletion {
  row: number;
  input: CompletionInput;
}

export interface StoredCompletion extends CompletionInput {
  id: string;
  academyId: string;
  recordedAt: Date;
}

/** A record that failed some shape rules: the fields that passed still get the reference rules, so a row's report is complete. */
export interface IncompleteCompletion {
  row: number;
  externalRef: string | null;
  partial: Partial<CompletionInput>;
  errors: FieldError[];
}

export type CompletionOutcome =
  | { row: number; status: 'created' | 'unchanged'; input: CompletionInput; id: string; recordedAt: Date; officerId?: string }
  | { row: number; status: 'rejected'; externalRef: string | null; errors: FieldError[] };

/** A row that passed every rule, with its ids resolved. */
interface Resolved {
  item: CheckedCompletion;
  officerId: string;
  courseId: string;
}

/**
 * Rows per INSERT statement. unnest() takes one array parameter per column, so the
 * statement text stays the same size whatever the chunk; chunks only bound how much one
 * statement does against statement_timeout.
 */
const INSERT_CHUNK = 2500;

interface ExistingRow {
  id: string;
  external_ref: string;
  officer_id: string;
  course_id: string;
  completed_on: string;
  hours: number;
  result: CompletionInput['result'];
  created_at: Date;
}

/**
 * The write path shared by the single record and the batch, inside the caller's
 * transaction: one query resolves every POST ID, one every course code, set-based
 * INSERT … ON CONFLICT DO NOTHING stores the new rows, and the rows that hit the
 * (academy_id, external_ref) key are re-read and compared, so a retry is `unchanged`
 * and a different body under a used reference is refused, even when two identical
 * requests race (the loser's INSERT waits for the winner's commit, then finds its row).
 */
@Injectable()
export class CompletionStore {
  constructor(private readonly courses: CoursesService) {}

  async store(
    manager: EntityManager,
    academyId: string,
    today: IsoDate,
    items: CheckedCompletion[],
    incomplete: IncompleteCompletion[] = [],
  ): Promise<CompletionOutcome[]> {
    const fields = [...items.map((item) => item.input), ...incomplete.map((record) => record.partial)];
    const officerIds = await this.officerIdsByPostId(manager, unique(fields.map((f) => f.postId)));
    const courses = await this.courses.byCode(manager, unique(fields.map((f) => f.courseCode)));
    const { outcomes, firstByRef, repeats } = applyRules(items, officerIds, courses, today);
    for (const record of incomplete) {
      const errors = sortFieldErrors(record.errors.concat(referenceErrors(record.partial, officerIds, courses, today)));
      outcomes.push({ row: record.row, status: 'rejected', externalRef: record.externalRef, errors });
    }

    // One lock order for every writer (the unique index is locked row by row), so two
    // overlapping batches of one academy wait for each other instead of deadlocking.
    const toInsert = [...firstByRef.values()].sort((a, b) => compare(a.item.input.externalRef, b.item.input.externalRef));
    const created = new Map<string, { id: string; recordedAt: Date }>();
    for (let start = 0; start < toInsert.length; start += INSERT_CHUNK) {
      for (const row of await this.insert(manager, academyId, toInsert.slice(start, start + INSERT_CHUNK))) {
        created.set(row.external_ref, { id: row.id, recordedAt: row.created_at });
      }
    }

    const taken = toInsert.filter((resolved) => !created.has(resolved.item.input.externalRef));
    const existing = await this.existingByRef(
      manager,
      academyId,
      taken.map((resolved) => resolved.item.input.externalRef),
    );
    const unchanged = new Map<string, { id: string; recordedAt: Date }>();
    for (const resolved of toInsert) {
      const { item } = resolved;
      const ref = item.input.externalRef;
      const inserted = created.get(ref);
      if (inserted) {
        outcomes.push({ row: item.row, status: 'created', input: item.input, id: inserted.id, recordedAt: inserted.recordedAt, officerId: resolved.officerId });
        continue;
      }
      // A row that blocked our insert cannot disappear: the service has no delete path.
      const row = existing.get(ref);
      if (row && sameCompletion(contentOf(row), contentOfResolved(resolved))) {
        unchanged.set(ref, { id: row.id, recordedAt: row.created_at });
        outcomes.push({ row: item.row, status: 'unchanged', input: item.input, id: row.id, recordedAt: row.created_at });
      } else {
        outcomes.push(conflict(item));
      }
    }
    for (const repeat of repeats) {
      const first = firstByRef.get(repeat.item.input.externalRef)!;
      const original = created.get(repeat.item.input.externalRef) ?? unchanged.get(repeat.item.input.externalRef);
      outcomes.push(
        original && sameCompletion(contentOfResolved(repeat), contentOfResolved(first))
          ? { row: repeat.item.row, status: 'unchanged', input: repeat.item.input, id: original.id, recordedAt: original.recordedAt }
          : conflict(repeat.item),
      );
    }
    return outcomes.sort((a, b) => a.row - b.row);
  }

  private insert(manager: EntityManager, academyId: string, chunk: Resolved[]): Promise<{ id: string; external_ref: string; created_at: Date }[]> {
    const officerIds: string[] = [];
    const courseIds: string[] = [];
    const dates: string[] = [];
    const hours: number[] = [];
    const results: string[] = [];
    const refs: string[] = [];
    for (const { item, officerId, courseId } of chunk) {
      officerIds.push(officerId);
      courseIds.push(courseId);
      dates.push(item.input.completedOn);
      hours.push(item.input.hours);
      results.push(item.input.result);
      refs.push(item.input.externalRef);
    }
    return manager.query(
      `INSERT INTO training_completion (academy_id, officer_id, course_id, completed_on, hours, result, external_ref)
       SELECT $1, t.officer_id, t.course_id, t.completed_on, t.hours, t.result, t.external_ref
         FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::numeric[], $6::text[], $7::text[])
              AS t(officer_id, course_id, completed_on, hours, result, external_ref)
       ON CONFLICT (academy_id, external_ref) DO NOTHING
       RETURNING id, external_ref, created_at`,
      [academyId, officerIds, courseIds, dates, hours, results, refs],
    );
  }

  /** Through the officers context's entity: one indexed query for the whole batch. */
  private async officerIdsByPostId(manager: EntityManager, postIds: string[]): Promise<Map<string, string>> {
    const rows = await manager
      .createQueryBuilder(OfficerEntity, 'o')
      // A merged record's POST ID answers with its survivor: the completion is the survivor's.
      .select('officer_survivor(o.id)', 'id')
      .addSelect('o.postId', 'postId')
      .where('o.postId = ANY(:postIds)', { postIds })
      .getRawMany<{ id: string; postId: string }>();
    return new Map(rows.map((row) => [row.postId, row.id]));
  }

  private async existingByRef(manager: EntityManager, academyId: string, refs: string[]): Promise<Map<string, ExistingRow>> {
    if (!refs.length) return new Map();
    const rows = await manager.query<ExistingRow[]>(
      `SELECT id, external_ref, officer_id, course_id, completed_on, hours::float8 AS hours, result, created_at
         FROM training_completion WHERE academy_id = $1 AND external_ref = ANY($2::text[])`,
      [academyId, refs],
    );
    return new Map(rows.map((row) => [row.external_ref, row]));
  }
}

/** Unknown officer or course, more hours than the course has and a future date refuse a row; a reference seen earlier in the batch is set aside. */
function applyRules(items: CheckedCompletion[], officerIds: Map<string, string>, courses: Map<string, CourseRef>, today: IsoDate) {
  const outcomes: CompletionOutcome[] = [];
  const firstByRef = new Map<string, Resolved>();
  const repeats: Resolved[] = [];
  for (const item of items) {
    const { input } = item;
    const officerId = officerIds.get(input.postId);
    const course = courses.get(input.courseCode);
    const courseId = course?.id;
    if (officerId && course && courseId && !completionDateError(input, today) && !completionHoursError(input, course.hours)) {
      if (firstByRef.has(input.externalRef)) repeats.push({ item, officerId, courseId });
      else firstByRef.set(input.externalRef, { item, officerId, courseId });
    } else {
      outcomes.push({ row: item.row, status: 'rejected', externalRef: input.externalRef, errors: referenceErrors(input, officerIds, courses, today) });
    }
  }
  return { outcomes, firstByRef, repeats };
}

/** The rules that need the registry or the date, on whichever of the fields are well-formed. */
function referenceErrors(fields: Partial<CompletionInput>, officerIds: Map<string, string>, courses: Map<string, CourseRef>, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  if (fields.postId !== undefined && !officerIds.has(fields.postId)) {
    errors.push({ field: 'postId', reason: 'unknown_post_id', message: `no officer with POST ID ${fields.postId}` });
  }
  const course = fields.courseCode === undefined ? undefined : courses.get(fields.courseCode);
  if (fields.courseCode !== undefined && !course) {
    errors.push({ field: 'courseCode', reason: 'unknown_course_code', message: `no course with code ${fields.courseCode}` });
  }
  const hoursError = course && fields.hours !== undefined ? completionHoursError({ hours: fields.hours }, course.hours) : null;
  if (hoursError) errors.push(hoursError);
  const dateError = fields.completedOn === undefined ? null : completionDateError({ completedOn: fields.completedOn }, today);
  if (dateError) errors.push(dateError);
  return errors;
}

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((value): value is string => value !== undefined))];
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const contentOf = (row: ExistingRow) => ({
  officerId: row.officer_id,
  courseId: row.course_id,
  completedOn: row.completed_on,
  hours: row.hours,
  result: row.result,
});
const contentOfResolved = ({ item, officerId, courseId }: Resolved) => ({
  officerId,
  courseId,
  completedOn: item.input.completedOn,
  hours: item.input.hours,
  result: item.input.result,
});
const conflict = (item: CheckedCompletion): CompletionOutcome => ({
  row: item.row,
  status: 'rejected',
  externalRef: item.input.externalRef,
  errors: [
    {
      field: 'externalRef',
      reason: 'external_ref_conflict',
      message: `externalRef ${item.input.externalRef} is already recorded by your academy with different content`,
    },
  ],
});
