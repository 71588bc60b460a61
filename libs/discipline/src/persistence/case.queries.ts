import { CaseClockConfig, CaseStatus } from '../domain';
import { displayName, OfficerEntity } from '@app/officers';
import { EntityManager, In } from 'typeorm';
import { CaseEntity } from './case.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseRow } from '../cases/case-views';

export interface CaseListFilter {
  status?: CaseStatus;
  postId?: string;
  /** The officer's own cases (an officer's account). */
  officerId?: string;
  /** With the clocks and today: only cases whose §9 interim hearing is (or is not) overdue. */
  interimHearingOverdue?: { value: boolean; today: string; clocks: CaseClockConfig };
  after?: { at: string; id: string };
  limit: number;
}

/**
 * SQL twin of the pure `interimHearingOverdue` (case-interim.ts), so the list filter runs in the
 * database; each listed case's flag is still computed by the pure function, and the e2e test
 * checks that both agree.
 */
const INTERIM_HEARING_OVERDUE_SQL = `(
  jsonb_typeof(c.state -> 'interimSuspension') = 'object'
  AND c.state -> 'interimSuspension' ->> 'endedOn' IS NULL
  AND c.state -> 'interimSuspension' ->> 'hearingRequestedOn' IS NOT NULL
  AND c.state -> 'interimSuspension' ->> 'hearingHeldOn' IS NULL
  AND (c.state -> 'interimSuspension' ->> 'hearingWaived')::boolean IS NOT TRUE
  AND (c.state -> 'interimSuspension' ->> 'suspendedOn')::date + :maxDays::int < :today::date)`;

export async function findCases(manager: EntityManager, filter: CaseListFilter): Promise<CaseRow[]> {
  const qb = manager.createQueryBuilder(CaseEntity, 'c').orderBy('c.openedAt', 'DESC').addOrderBy('c.id', 'DESC').take(filter.limit);
  if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
  if (filter.officerId) qb.andWhere('c.officerId = :officerId', { officerId: filter.officerId });
  if (filter.postId) qb.andWhere('c.officerId IN (SELECT o.id FROM officer o WHERE o.post_id = :postId)', { postId: filter.postId });
  const overdue = filter.interimHearingOverdue;
  if (overdue) {
    qb.andWhere(overdue.value ? INTERIM_HEARING_OVERDUE_SQL : `NOT ${INTERIM_HEARING_OVERDUE_SQL}`, {
      maxDays: overdue.clocks.interimHearingMaxDays,
      today: overdue.today,
    });
  }
  if (filter.after) qb.andWhere('(c.openedAt, c.id) < (:at::timestamptz, :id::uuid)', filter.after);
  return withOfficersAndReports(manager, await qb.getMany());
}

export async function findCase(manager: EntityManager, caseId: string): Promise<CaseRow | null> {
  const entity = await manager.findOneBy(CaseEntity, { id: caseId });
  return entity ? (await withOfficersAndReports(manager, [entity]))[0] : null;
}

export function caseTimeline(manager: EntityManager, caseId: string): Promise<CaseEventEntity[]> {
  return manager.find(CaseEventEntity, { where: { caseId }, order: { version: 'ASC' } });
}

/** The timelines of many cases in one query, by case id, each oldest first. */
export async function caseTimelines(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, CaseEventEntity[]>> {
  const byCase = new Map<string, CaseEventEntity[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const events = await manager.find(CaseEventEntity, { where: { caseId: In([...caseIds]) }, order: { caseId: 'ASC', version: 'ASC' } });
  for (const event of events) byCase.get(event.caseId)?.push(event);
  return byCase;
}

/** True when the agency filed a report the case was opened on: the "reporting agency" of API.md. */
export async function isReportingAgency(manager: EntityManager, caseId: string, agencyId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM case_report cr JOIN misconduct_report r ON r.id = cr.report_id WHERE cr.case_id = $1 AND r.agency_id = $2 LIMIT 1`,
    [caseId, agencyId],
  );
  return rows.length > 0;
}

async function withOfficersAndReports(manager: EntityManager, entities: CaseEntity[]): Promise<CaseRow[]> {
  if (entities.length === 0) return [];
  const officers = await manager.find(OfficerEntity, { where: { id: In([...new Set(entities.map((e) => e.officerId))]) } });
  const officerById = new Map(officers.map((officer) => [officer.id, officer]));
  const links = await manager.query<{ case_id: string; report_id: string }[]>(
    `SELECT case_id, report_id FROM case_report WHERE case_id = ANY($1) ORDER BY report_id`,
    [entities.map((e) => e.id)],
  );
  return entities.map((entity) => {
    const officer = officerById.get(entity.officerId)!;
    return {
      entity,
      postId: officer.postId,
      officerName: displayName(officer),
      reportIds: links.filter((link) => link.case_id === entity.id).map((link) => link.report_id),
    };
  });
}
