import { Injectable } from '@nestjs/common';
import { OfficerImportService } from '@app/officers';
import { OrganizationsService } from '@app/organizations';
import { ImportedCompletion, TrainingImportService } from '@app/training';
import type { RowError, TrainingRow } from '../domain/row-rules';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, officerKey, unknownOfficer } from './chunk';
import { resolveOfficers } from './officer-references';

/**
 * Training completions: the officer, course and academy must exist, and the hours may not
 * exceed the course's (DOMAIN.md "Certification"). The academy's (academy, externalRef) key is
 * the record's identity, as for `POST /training-completions`: the same content again is
 * `unchanged`, other content `changed_since_import`. Imported completions count toward
 * certification and renewal like any other.
 */
@Injectable()
export class TrainingProcessor {
  constructor(
    private readonly officers: OfficerImportService,
    private readonly organizations: OrganizationsService,
    private readonly training: TrainingImportService,
  ) {}

  async process(ctx: ChunkContext, rows: CheckedRow<TrainingRow>[], outcome: ChunkOutcome): Promise<void> {
    const values = rows.map((r) => r.value);
    const officerIds = await resolveOfficers(
      ctx.manager,
      this.officers,
      values.map((v) => v.officer),
    );
    const courses = await this.training.coursesByCode(
      ctx.manager,
      values.map((v) => v.courseCode),
    );
    const academyIds = await this.organizations.idsByCode(
      ctx.manager,
      'academy',
      values.map((v) => v.academyCode),
    );
    const resolved: { row: CheckedRow<TrainingRow>; completion: ImportedCompletion }[] = [];
    for (const row of rows) {
      const v = row.value;
      const officerId = officerIds.get(officerKey(v.officer));
      const course = courses.get(v.courseCode);
      const academyId = academyIds.get(v.academyCode);
      const errors: RowError[] = [];
      if (!officerId) errors.push(unknownOfficer(v.officer));
      if (!course) errors.push({ field: 'courseCode', reason: 'unknown_course', message: `no course has code ${v.courseCode}` });
      else if (v.hours > course.hours)
        errors.push({ field: 'hours', reason: 'hours_exceed_course', message: `hours ${v.hours} exceed the course's ${course.hours}` });
      if (!academyId) errors.push({ field: 'academyCode', reason: 'unknown_academy', message: `no academy has code ${v.academyCode}` });
      if (errors.length > 0) outcome.reject(row, ...errors);
      else
        resolved.push({
          row,
          completion: {
            academyId: academyId!,
            officerId: officerId!,
            courseId: course!.id,
            completedOn: v.completedOn,
            hours: v.hours,
            result: v.result,
            externalRef: v.externalRef,
          },
        });
    }
    const existing = await this.training.existing(
      ctx.manager,
      resolved.map((r) => r.completion),
    );
    const insert: typeof resolved = [];
    for (const item of resolved) {
      const c = item.completion;
      const before = existing.get(`${c.academyId}|${c.externalRef}`);
      if (!before) insert.push(item);
      else if (
        before.officerId === c.officerId &&
        before.courseId === c.courseId &&
        before.completedOn === c.completedOn &&
        Math.round(before.hours * 100) === Math.round(c.hours * 100) &&
        before.result === c.result
      ) {
        outcome.unchanged.push(item.row.row);
      } else outcome.reject(item.row, changedSinceImport('externalRef'));
    }
    const ids = ctx.dryRun
      ? []
      : await this.training.recordImportedCompletions(
          ctx.manager,
          ctx.importId,
          insert.map((i) => i.completion),
        );
    insert.forEach((item, index) => {
      outcome.accepted.push(item.row.row);
      if (!ctx.dryRun) outcome.created.push([item.row.row, ids[index]]);
    });
  }
}
