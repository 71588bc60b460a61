import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { DisputeMarks } from '@app/disputes';
import { OfficersService } from '@app/officers';
import { DataSource } from 'typeorm';
import { CheckedCompletion, CompletionStore, IncompleteCompletion, StoredCompletion } from './persistence/completion.store';
import { CompletionVoid, insertCompletionVoid } from './persistence/completion-void.store';
import { checkCompletionRecord, FieldError, MAX_BATCH_RECORDS } from './domain/completion-record';
import { CourseKind } from './domain/course';
import { completionReadAccess, completionVoidAccess, completionWriteAccess } from './training.policy';
import {
  alreadyVoided,
  batchEmpty,
  batchTooLarge,
  completionInvalid,
  completionNotFound,
  completionRefused,
  externalRefConflict,
} from './domain/training.errors';

/** An officer's completions in the order they were completed: (completedOn, id). */
const COMPLETIONS_KEYSET = timeAndIdKeyset({ at: 'date', id: 'uuid' });

export interface RecordedCompletion {
  /** false: an identical earlier submission (API.md: 200 with the original). */
  created: boolean;
  completion: StoredCompletion;
}

export interface BatchSubmission {
  format: 'json' | 'csv';
  /** Untrusted records, each checked here; row numbers are 1-based positions in this array. */
  records: unknown[];
}

export interface BatchResult {
  accepted: number;
  unchanged: number;
  rejected: { row: number; externalRef: string | null; errors: FieldError[] }[];
}

export interface OfficerCompletion extends StoredCompletion {
  courseKind: CourseKind;
  courseTitle: string;
  /** Recorded in error: kept in the history, counted nowhere. */
  voided: CompletionVoid | null;
  /** The officer disputes this completion (an open dispute): shown to every reader until resolved. */
  disputed: boolean;
}

@Injectable()
export class TrainingCompletionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CompletionStore,
    private readonly officers: OfficersService,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
    private readonly disputes: DisputeMarks,
  ) {}

  /** One completion for the caller's academy; idempotent on (academy, externalRef). */
  async record(actor: Actor, raw: unknown): Promise<RecordedCompletion> {
    const { academyId } = await this.access.require(
      actor,
      { action: 'training_completion.record', entityType: 'training_completion' },
      completionWriteAccess(actor),
    );
    const check = checkCompletionRecord(raw);
    if (!check.ok) throw completionInvalid(check.errors);
    return this.dataSource.transaction(async (manager) => {
      const [outcome] = await this.store.store(manager, academyId, this.clock.today(), [{ row: 1, input: check.input }]);
      if (outcome.status === 'rejected') {
        if (outcome.errors.some((error) => error.reason === 'external_ref_conflict')) throw externalRefConflict(check.input.externalRef);
        throw completionRefused(outcome.errors);
      }
      const completion: StoredCompletion = { ...outcome.input, id: outcome.id, academyId, recordedAt: outcome.recordedAt };
      if (outcome.status === 'unchanged') return { created: false, completion };
      await this.audit.record(manager, actor, {
        action: 'training_completion.record',
        entityType: 'training_completion',
        entityId: completion.id,
        details: { ...check.input },
      });
      return { created: true, completion };
    });
  }

  /**
   * Every row is judged; the valid ones are stored, the others reported with their row
   * number, reference and every error. The stored part is one transaction: a failure
   * half-way stores nothing of the batch.
   */
  async importBatch(actor: Actor, batch: BatchSubmission): Promise<BatchResult> {
    const { academyId } = await this.access.require(
      actor,
      { action: 'training_completion.import', entityType: 'training_completion_batch' },
      completionWriteAccess(actor),
    );
    if (batch.records.length > MAX_BATCH_RECORDS) throw batchTooLarge(String(batch.records.length));
    if (batch.records.length === 0) throw batchEmpty();

    const checked: CheckedCompletion[] = [];
    const incomplete: IncompleteCompletion[] = [];
    batch.records.forEach((raw, index) => {
      const check = checkCompletionRecord(raw);
      if (check.ok) checked.push({ row: index + 1, input: check.input });
      else incomplete.push({ row: index + 1, externalRef: referenceOf(raw), partial: check.partial, errors: check.errors });
    });

    return this.dataSource.transaction(async (manager) => {
      const outcomes = await this.store.store(manager, academyId, this.clock.today(), checked, incomplete);
      const rejected: BatchResult['rejected'] = [];
      let accepted = 0;
      let unchanged = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') rejected.push({ row: outcome.row, externalRef: outcome.externalRef, errors: outcome.errors });
        else if (outcome.status === 'created') accepted++;
        else unchanged++;
      }
      // One entry per batch with counts: the rows themselves are in the table, tied to the academy.
      // `officerIds` names the officers whose records it created, so GET /audit?postId= finds it.
      const officerIds = [...new Set(outcomes.flatMap((outcome) => (outcome.status === 'created' && outcome.officerId ? [outcome.officerId] : [])))];
      await this.audit.record(manager, actor, {
        action: 'training_completion.import',
        entityType: 'training_completion_batch',
        entityId: null,
        details: { format: batch.format, received: batch.records.length, accepted, unchanged, rejected: rejected.length, officerIds },
      });
      return { accepted, unchanged, rejected };
    });
  }

  /**
   * A completion recorded in error (API.md "Training"): it stays in the history marked voided
   * (who, when, why) and stops counting toward certification and renewal; the correction is a
   * new completion with a new externalRef. The academy that recorded it or the commission's
   * administrator; another academy's reads as unknown (404). Voided already: 409, the first
   * void stands (two at once: one succeeds, the other finds the key taken).
   */
  async voidCompletion(actor: Actor, completionId: string, reason: string): Promise<OfficerCompletion> {
    const attempt = { action: 'training_completion.void', entityType: 'training_completion', entityId: completionId };
    const scope = await this.access.require(actor, attempt, completionVoidAccess(actor));
    const [row] = await this.dataSource.query<(CompletionRow & { officer_id: string; post_id: string })[]>(
      `SELECT t.id, t.academy_id, t.officer_id, o.post_id, t.completed_on, t.hours::float8 AS hours, t.result, t.external_ref, t.created_at,
              c.code AS course_code, c.kind AS course_kind, c.title AS course_title, NULL AS voided_at, NULL AS voided_by, NULL AS void_reason
         FROM training_completion t JOIN course c ON c.id = t.course_id JOIN officer o ON o.id = officer_survivor(t.officer_id)
        WHERE t.id = $1`,
      [completionId],
    );
    if (!row || (scope.recordedBy !== null && row.academy_id !== scope.recordedBy)) return this.access.refuse(actor, attempt, completionNotFound(completionId));
    return this.dataSource.transaction(async (manager) => {
      const voided = await insertCompletionVoid(manager, completionId, { reason, voidedBy: actor.id, organizationId: actor.organizationId });
      if (!voided) throw alreadyVoided(completionId);
      await this.audit.record(manager, actor, {
        action: 'training_completion.void',
        entityType: 'training_completion',
        entityId: completionId,
        details: { postId: row.post_id, officerId: row.officer_id, courseCode: row.course_code, externalRef: row.external_ref, reason },
      });
      const marks = await this.disputes.among({ types: ['training_completion'], records: [completionId] }, manager);
      return { ...toOfficerCompletion(row, row.post_id, marks.has('training_completion', completionId)), voided };
    });
  }

  /**
   * The commission sees every completion; an academy only those it recorded; an agency
   * those of an officer it employs or employed, as for the officer's record (else 404,
   * as for an unknown officer, and audited as the refusal it is).
   */
  async listForOfficer(actor: Actor, postId: string, page: { limit: number; cursor?: string }): Promise<Page<OfficerCompletion>> {
    const attempt = 'training_completion.list';
    const readable = await this.access.require(actor, { action: attempt, entityType: 'officer', details: { postId } }, completionReadAccess(actor));
    const after = COMPLETIONS_KEYSET.after(page.cursor);
    const officer = await this.officers.requireVisibleByPostId(actor, postId, attempt, readable.officers);
    const params: unknown[] = [officer.id];
    let scope = '';
    if (readable.recordedBy !== null) {
      params.push(readable.recordedBy);
      scope = `AND t.academy_id = $${params.length}`;
    }
    if (after) {
      // Keyset on (completed_on, id): stable while new completions arrive.
      params.push(after.at, after.id);
      scope += ` AND (t.completed_on, t.id) > ($${params.length - 1}::date, $${params.length}::uuid)`;
    }
    const { items, nextCursor } = await COMPLETIONS_KEYSET.page(
      page.limit,
      (limit) =>
        this.dataSource.query<CompletionRow[]>(
          `SELECT t.id, t.academy_id, t.completed_on, t.hours::float8 AS hours, t.result, t.external_ref, t.created_at,
                  c.code AS course_code, c.kind AS course_kind, c.title AS course_title,
                  v.voided_at, v.voided_by, v.reason AS void_reason
             FROM training_completion t JOIN course c ON c.id = t.course_id
             LEFT JOIN training_completion_void v ON v.completion_id = t.id
            WHERE t.officer_id = ANY(officer_lineage($1)) ${scope}
            ORDER BY t.completed_on, t.id LIMIT $${params.length + 1}`,
          [...params, limit],
        ),
      (last) => ({ at: last.completed_on, id: last.id }),
    );
    // One query for the page's marks, whatever its length.
    const marks = await this.disputes.among({ types: ['training_completion'], records: items.map((row) => row.id) });
    return { items: items.map((row) => toOfficerCompletion(row, officer.postId, marks.has('training_completion', row.id))), nextCursor };
  }
}

export interface CompletionRow {
  id: string;
  academy_id: string;
  completed_on: string;
  hours: number;
  result: 'pass' | 'fail';
  external_ref: string;
  created_at: Date;
  course_code: string;
  course_kind: CourseKind;
  course_title: string;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

function referenceOf(raw: unknown): string | null {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).externalRef : undefined;
  return typeof value === 'string' && value.length <= 200 ? value : null;
}

export const toOfficerCompletion = (row: CompletionRow, postId: string, disputed: boolean): OfficerCompletion => ({
  id: row.id,
  postId,
  courseCode: row.course_code,
  courseKind: row.course_kind,
  courseTitle: row.course_title,
  completedOn: row.completed_on,
  hours: row.hours,
  result: row.result,
  externalRef: row.external_ref,
  academyId: row.academy_id,
  recordedAt: row.created_at,
  voided: row.voided_at === null ? null : { voidedAt: row.voided_at, voidedBy: row.voided_by!, reason: row.void_reason! },
  disputed,
});
