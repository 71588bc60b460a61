import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl } from '@app/audit';
import { DisputeMarks } from '@app/disputes';
import { Actor, Page, timeAndIdKeyset } from '@app/core';
import { DataSource } from 'typeorm';
import { CompletionRow, OfficerCompletion, toOfficerCompletion } from './training-completions.service';
import { academyCompletionsAccess } from './training.policy';

/** Newest first: (completedOn, id) descending. */
const ACADEMY_COMPLETIONS_KEYSET = timeAndIdKeyset({ at: 'date', id: 'uuid' });

/**
 * GET /training-completions: what the caller academy recorded, whoever the officer (the
 * registrar's own ledger, voided ones included). The POST ID is the survivor's when the
 * officer was merged since, as every route that takes a POST ID answers.
 */
@Injectable()
export class AcademyCompletionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly disputes: DisputeMarks,
  ) {}

  async list(actor: Actor, query: { postId?: string; limit: number; cursor?: string }): Promise<Page<OfficerCompletion>> {
    const { academyId } = await this.access.require(
      actor,
      { action: 'training_completion.list', entityType: 'organization', entityId: actor.organizationId, details: { postId: query.postId } },
      academyCompletionsAccess(actor),
    );
    const after = ACADEMY_COMPLETIONS_KEYSET.after(query.cursor);
    const params: unknown[] = [academyId];
    let scope = '';
    if (query.postId !== undefined) {
      params.push(query.postId);
      scope += ` AND t.officer_id = ANY(officer_lineage((SELECT officer_survivor(x.id) FROM officer x WHERE x.post_id = $${params.length})))`;
    }
    if (after) {
      params.push(after.at, after.id);
      scope += ` AND (t.completed_on, t.id) < ($${params.length - 1}::date, $${params.length}::uuid)`;
    }
    const page = await ACADEMY_COMPLETIONS_KEYSET.page(
      query.limit,
      (limit) =>
        this.dataSource.query<(CompletionRow & { post_id: string })[]>(
          `SELECT t.id, t.academy_id, t.completed_on, t.hours::float8 AS hours, t.result, t.external_ref, t.created_at,
                  c.code AS course_code, c.kind AS course_kind, c.title AS course_title,
                  v.voided_at, v.voided_by, v.reason AS void_reason,
                  (SELECT s.post_id FROM officer s WHERE s.id = officer_survivor(t.officer_id)) AS post_id
             FROM training_completion t JOIN course c ON c.id = t.course_id
             LEFT JOIN training_completion_void v ON v.completion_id = t.id
            WHERE t.academy_id = $1 ${scope}
            ORDER BY t.completed_on DESC, t.id DESC LIMIT $${params.length + 1}`,
          [...params, limit],
        ),
      (last) => ({ at: last.completed_on, id: last.id }),
    );
    // One query for the page's marks, as the officer's own list does.
    const marks = await this.disputes.among({ types: ['training_completion'], records: page.items.map((row) => row.id) });
    return { items: page.items.map((row) => toOfficerCompletion(row, row.post_id, marks.has('training_completion', row.id))), nextCursor: page.nextCursor };
  }
}
