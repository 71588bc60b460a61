import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { CertificationService } from '@app/certification';
import { Actor, Clock, dateInTimeZone, DomainError, IsoDate } from '@app/core';
import { isUniqueViolation, withIdempotency } from '@app/database';
import { DisciplineFactsService } from '@app/discipline';
import { EmploymentService, OfficersService } from '@app/officers';
import { DataSource, EntityManager } from 'typeorm';
import { certificationCoversStart, checkCoversHire, hireStartProblems, warningsSinceCheck } from './domain/hire-guard';
import { hiringReasons, HiringWarning, hiringWarnings, otherJurisdictionReasons } from './domain/hiring-answer';
import {
  alreadyEmployed,
  certificationEndsBeforeStart,
  hireStartOutsideCheck,
  hiringCheckMissingOrStale,
  hiringCheckNotFound,
  hiringCheckOutdated,
  notHireable,
} from './domain/hiring.errors';
import { hiringAccess } from './hiring.policy';
import { findAgencyCheck } from './persistence/hiring-check.store';
import { profilesByIds } from './persistence/officer-profiles.queries';

export interface HireCommand {
  startDate: IsoDate;
  position: string;
  /** The caller agency's own check of this officer, at most 30 days old. */
  hiringCheckId?: string;
}

export interface HireView {
  id: string;
  postId: string;
  agencyId: string;
  position: string;
  startDate: IsoDate;
  endDate: null;
  hiringCheckId: string;
  /** ISO 8601: plain JSON, so that an Idempotency-Key replay returns it unchanged. */
  createdAt: string;
}

/** Refusals worth a record of their own: someone tried to hire past the guard. */
const AUDITED_REFUSALS = new Set([
  'EMPLOYMENT.NOT_HIREABLE',
  'EMPLOYMENT.HIRING_CHECK_REQUIRED',
  'EMPLOYMENT.HIRING_CHECK_OUTDATED',
  'EMPLOYMENT.START_DATE_OUTSIDE_CHECK',
  'EMPLOYMENT.CERTIFICATION_ENDS_BEFORE_START',
  'HIRING_CHECK.NOT_FOUND',
]);

/**
 * The hire guard (DOMAIN.md "Hiring checks"; c. 6E §4(d), §11): an agency records a hire
 * only with its own recent check of the officer, and only if the officer is hireable at
 * the moment of the hire.
 */
@Injectable()
export class HiresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly officers: OfficersService,
    private readonly employments: EmploymentService,
    private readonly certification: CertificationService,
    private readonly discipline: DisciplineFactsService,
    private readonly clock: Clock,
  ) {}

  async hire(actor: Actor, postId: string, command: HireCommand, idempotencyKey?: string): Promise<HireView> {
    const { agencyId } = await this.access.require(actor, { action: 'employment.create', entityType: 'employment', details: { postId } }, hiringAccess(actor));
    const request = { organizationId: agencyId, key: idempotencyKey, method: 'POST', path: `/officers/${postId}/employments`, body: command };
    try {
      return await this.dataSource.transaction((manager) => withIdempotency(manager, request, () => this.hireIn(manager, actor, agencyId, postId, command)));
    } catch (error) {
      // Two hires of one officer by one agency at once: the partial unique index lets one through.
      if (isUniqueViolation(error, 'employment_one_open_per_agency')) throw alreadyEmployed();
      if (error instanceof DomainError && AUDITED_REFUSALS.has(error.code)) {
        const reasons = (error.extensions.reasons as { code: string }[] | undefined)?.map((r) => r.code) ?? [];
        await this.audit.recordStandalone(actor, {
          action: 'employment.create_refused',
          entityType: 'employment',
          details: { postId, code: error.code, reasons, hiringCheckId: command.hiringCheckId ?? null },
        });
      }
      throw error;
    }
  }

  private async hireIn(manager: EntityManager, actor: Actor, agencyId: string, postId: string, command: HireCommand): Promise<HireView> {
    const officer = await this.officers.requireByPostId(postId, manager);
    const check = command.hiringCheckId === undefined ? null : await findAgencyCheck(manager, agencyId, command.hiringCheckId);
    if (command.hiringCheckId !== undefined && !check) throw hiringCheckNotFound();
    // A check that found a record merged since into this one found this officer (API.md "Identity changes and merges").
    const lineage = await this.officers.lineage(officer.id, manager);
    if (!check || !checkCoversHire(check, lineage.officerIds, this.clock.now())) throw hiringCheckMissingOrStale();
    const today = this.clock.today();
    const checkedOn = dateInTimeZone(check.checkedAt, this.clock.timeZone);
    const startProblems = hireStartProblems(command.startDate, checkedOn);
    if (startProblems.length > 0) throw hireStartOutsideCheck(startProblems, checkedOn);

    // Re-evaluated with the certification row locked until commit: a revocation or suspension
    // committed a moment earlier is seen here, and one arriving later waits for this hire.
    const verdict = await this.certification.lockAndEvaluateHireability(manager, officer.id, today);
    const elsewhere = otherJurisdictionReasons(await this.discipline.revokedInOtherJurisdiction(manager, officer.id));
    if (!verdict.hireable || elsewhere.length > 0) {
      const caseIds = verdict.reasons.map((r) => r.caseId).filter((id): id is string => !!id);
      throw notHireable([...hiringReasons(verdict, await this.discipline.caseNumbersFor(actor, caseIds, manager)), ...elsewhere]);
    }
    if (!certificationCoversStart(verdict.expiresOn, command.startDate)) throw certificationEndsBeforeStart(verdict.expiresOn);
    if (await this.employments.isEmployedBy(manager, officer.id, agencyId)) throw alreadyEmployed();
    const seen = check.matches.find((m) => lineage.postIds.includes(m.postId))?.warnings ?? [];
    const unseen = await this.warningsSince(manager, seen, officer.id, check.checkedAt, verdict);
    if (unseen.length > 0) throw hiringCheckOutdated(unseen);

    const employment = await this.employments.recordHire(manager, {
      officerId: officer.id,
      agencyId,
      position: command.position,
      startDate: command.startDate,
      hiringCheckId: check.id,
    });
    await this.audit.record(manager, actor, {
      action: 'employment.create',
      entityType: 'employment',
      entityId: employment.id,
      details: { postId: officer.postId, agencyId, position: command.position, startDate: command.startDate, hiringCheckId: check.id },
    });
    return {
      id: employment.id,
      postId: officer.postId,
      agencyId,
      position: employment.position,
      startDate: employment.startDate,
      endDate: null,
      hiringCheckId: check.id,
      createdAt: employment.createdAt.toISOString(),
    };
  }

  /**
   * The warnings the officer carries now that the check did not show: read in this transaction,
   * they hold what was committed before it (a case opened a moment later comes after the hire).
   */
  private async warningsSince(
    manager: EntityManager,
    seen: readonly HiringWarning[],
    officerId: string,
    checkedAt: Date,
    verdict: { previouslyRelinquished: boolean },
  ): Promise<HiringWarning[]> {
    const profile = (await profilesByIds(manager, [officerId])).get(officerId);
    if (!profile) return [];
    const recordedSince = await this.discipline.recordedSince(manager, officerId, checkedAt);
    const { facts } = await this.discipline.factsFromSnapshot(profile.discipline);
    return warningsSinceCheck(seen, hiringWarnings(verdict, facts, profile.employments), recordedSince);
  }
}
