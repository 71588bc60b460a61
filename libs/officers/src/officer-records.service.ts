import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { DisputeMarks } from '@app/disputes';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeName } from './domain/name-normalization';
import { dateOfBirthProblems, displayName } from './domain/officer-identity';
import { implausibleDateOfBirth } from './domain/officers.errors';
import { OfficersService, OfficerNameInput, roundScore } from './officers.service';
import { searchSimilarNames } from './persistence/name-match.queries';
import { AliasKind, aliasesOf } from './persistence/officer-names.store';
import { OfficerEntity } from './persistence/officer.entity';
import { SeparationNature } from './persistence/employment.entity';
import { mayReadRestrictedIdentity, mayReadSeparationNotes, officerRecordAccess } from './officer-record.policy';

export interface EmploymentHistoryItem {
  employmentId: string;
  agency: { id: string; name: string; code: string };
  position: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  separation: { nature: SeparationNature; reason: string | null; underInvestigation: boolean; notes: string | null } | null;
}

/**
 * The restricted record: identity (with date of birth and SSN digits), names, employment. The
 * licence beside it is certification's to say (CertificationService.standingOf): that context
 * depends on this one, so the API puts the two answers together.
 */
export interface OfficerRecord {
  officer: OfficerEntity;
  /** False: the date of birth, SSN digits and email are withheld (a former employer more than 12 months after the separation). */
  restrictedIdentity: boolean;
  /** POST IDs of records merged into this one; each answers with this record. */
  mergedFrom: string[];
  /** Other names on record, with their kind (a prior name or a nickname). */
  aliases: (OfficerNameInput & { kind: AliasKind })[];
  employmentHistory: (EmploymentHistoryItem & { disputed: boolean })[];
  /** An open dispute of the identity, and of the certification (API.md: `disputed: true` while open). */
  disputed: { identity: boolean; certification: boolean };
}

export interface OfficerSearchHit {
  postId: string;
  name: string;
  dateOfBirth: IsoDate;
  matchScore: number;
}

/** Looser than duplicate detection: a search lists candidates for a person to judge. */
export const SEARCH_MIN_SIMILARITY = 0.3;
export const SEARCH_LIMIT = 50;

/** Reads of restricted officer data; every one is audited (DOMAIN.md "Audit"). */
@Injectable()
export class OfficerRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly officers: OfficersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly disputes: DisputeMarks,
  ) {}

  async getRecord(actor: Actor, postId: string): Promise<OfficerRecord> {
    const officer = await this.officers.requireVisibleByPostId(actor, postId);
    return this.dataSource.transaction(async (manager) => {
      const employmentHistory = await this.employmentHistory(manager, actor, officer.id);
      // The scope was granted by requireVisibleByPostId; the policy is pure, asked again for what it shows.
      const scope = officerRecordAccess(actor);
      const restrictedIdentity =
        scope.granted &&
        mayReadRestrictedIdentity(
          scope.scope,
          employmentHistory.map((e) => ({ agencyId: e.agency.id, endDate: e.endDate })),
          this.clock.today(),
        );
      const marks = await this.disputes.among(
        { types: ['identity', 'certification', 'employment'], officers: [officer.id], records: employmentHistory.map((e) => e.employmentId) },
        manager,
      );
      const record: OfficerRecord = {
        officer,
        restrictedIdentity,
        mergedFrom: await this.officers.mergedFrom(officer.id, manager),
        aliases: await aliasesOf(manager, officer.id),
        employmentHistory: employmentHistory.map((e) => ({ ...e, disputed: marks.has('employment', e.employmentId) })),
        disputed: { identity: marks.has('identity', officer.id), certification: marks.has('certification', officer.id) },
      };
      await this.audit.record(manager, actor, {
        action: 'officer.read',
        entityType: 'officer',
        entityId: officer.id,
        details: { postId, restrictedFields: restrictedIdentity ? ['dateOfBirth', 'ssnLast4', 'email'] : [] },
      });
      return record;
    });
  }

  /** Commission search by name (current or prior), optionally narrowed to a date of birth. */
  async search(actor: Actor, query: { name: string; dateOfBirth?: IsoDate }): Promise<OfficerSearchHit[]> {
    if (query.dateOfBirth !== undefined) {
      const problems = dateOfBirthProblems(query.dateOfBirth, this.clock.today());
      if (problems.length > 0) throw implausibleDateOfBirth(problems);
    }
    return this.dataSource.transaction(async (manager) => {
      const rows = await searchSimilarNames(manager, normalizeName(query.name), query.dateOfBirth, SEARCH_MIN_SIMILARITY, SEARCH_LIMIT);
      const hits = rows.map((r) => ({ postId: r.postId, name: displayName(r), dateOfBirth: r.dateOfBirth, matchScore: roundScore(r.score) }));
      await this.audit.record(manager, actor, {
        action: 'officer.search',
        entityType: 'officer',
        // The name is not restricted; whether a date of birth narrowed the search is kept, the date is not.
        details: { name: query.name, byDateOfBirth: query.dateOfBirth !== undefined, results: hits.map((h) => h.postId) },
      });
      return hits;
    });
  }

  private async employmentHistory(manager: EntityManager, actor: Actor, officerId: string): Promise<EmploymentHistoryItem[]> {
    const rows = await manager.query<EmploymentRow[]>(
      `SELECT e.id, e.agency_id, a.name AS agency_name, a.code AS agency_code, e.position, e.start_date, e.end_date,
              e.separation_nature, e.separation_reason, e.under_investigation, e.separation_notes
         FROM employment e JOIN organization a ON a.id = e.agency_id
        WHERE e.officer_id = $1
        ORDER BY e.start_date, e.created_at`,
      [officerId],
    );
    return rows.map((r) => ({
      employmentId: r.id,
      agency: { id: r.agency_id, name: r.agency_name, code: r.agency_code },
      position: r.position,
      startDate: r.start_date,
      endDate: r.end_date,
      separation:
        r.end_date === null || r.separation_nature === null
          ? null
          : {
              nature: r.separation_nature,
              reason: r.separation_reason,
              underInvestigation: r.under_investigation === true,
              notes: mayReadSeparationNotes(actor, r.agency_id) ? r.separation_notes : null,
            },
    }));
  }
}

interface EmploymentRow {
  id: string;
  agency_id: string;
  agency_name: string;
  agency_code: string;
  position: string;
  start_date: string;
  end_date: string | null;
  separation_nature: SeparationNature | null;
  separation_reason: string | null;
  under_investigation: boolean | null;
  separation_notes: string | null;
}
