import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CertificationService } from '@app/certification';
import { Clock, Page } from '@app/core';
import { DisciplineFactsService } from '@app/discipline';
import { displayName, normalizeName } from '@app/officers';
import { DataSource } from 'typeorm';
import { csvRow } from './domain/csv';
import { PUBLIC_PAGE_DEFAULT, PUBLIC_PAGE_MAX, PUBLIC_SEARCH_KEYSET, publicNameQuery } from './domain/public-name-query';
import { publicOfficerNotFound } from './domain/public.errors';
import {
  buildPublicOfficerRecord,
  CertificationFacts,
  DisciplineFacts as PublicDisciplineFacts,
  PublicAgencyPeriod,
  PublicOfficerRecord,
} from './domain/public-record';
import { agencyPeriodsOf, findOfficerSnapshot, ListedOfficerRow, officersWithFinalCases, searchListedOfficers } from './persistence/public-officer.queries';

export interface PublicSearchQuery {
  name: string;
  limit?: number;
  cursor?: string;
}

export const DISCIPLINARY_ACTIONS_CSV_HEADER = ['postId', 'name', 'actionType', 'effectiveOn', 'endsOn', 'groundCategory', 'agency'] as const;
const EXPORT_PAGE = 500;

/**
 * The public read model (c. 6E §13, 555 CMR 8.06; DOMAIN.md "What is public"). No caller,
 * no audit: everything here is public by law. Records are assembled from the officers,
 * certification and discipline contexts through their public services and reduced by a
 * pure whitelist (domain/public-record.ts), so a new restricted column cannot leak.
 */
@Injectable()
export class PublicRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certification: CertificationService,
    private readonly discipline: DisciplineFactsService,
    private readonly clock: Clock,
  ) {}

  /** Name search, best match first; `400` for a name that is not one, `[]` when nothing matches. */
  async search(query: PublicSearchQuery): Promise<Page<PublicOfficerRecord>> {
    const name = publicNameQuery(query.name, normalizeName);
    const limit = Math.min(Math.max(query.limit ?? PUBLIC_PAGE_DEFAULT, 1), PUBLIC_PAGE_MAX);
    const after = PUBLIC_SEARCH_KEYSET.after(query.cursor);
    const page = await PUBLIC_SEARCH_KEYSET.page(
      limit,
      (fetchLimit) => this.dataSource.transaction((manager) => searchListedOfficers(manager, name, after, fetchLimit)),
      (last) => ({ rank: last.rank, postId: last.postId }),
    );
    return { items: await this.recordsOf(page.items), nextCursor: page.nextCursor };
  }

  /** One officer; unknown and unlisted POST IDs are the same 404. */
  async get(postId: string): Promise<PublicOfficerRecord> {
    const officer = await findOfficerSnapshot(this.dataSource.manager, postId);
    const discipline = officer ? await this.discipline.publicFactsFromCasesSnapshot(officer.cases) : undefined;
    // Listed as the search lists (LISTED): served (an employment) or certified, or named in a final public order.
    const servedOrCertified = officer !== null && (officer.agencies.length > 0 || this.certification.certificationExistedInSnapshot(officer.certification));
    const listed = officer !== null && discipline !== undefined && (servedOrCertified || discipline.finalActions.length > 0);
    if (!listed) throw publicOfficerNotFound(postId);
    const today = this.clock.today();
    const standing = this.certification.standingFromSnapshot(officer.certification, today);
    const renewals = await this.certification.renewalDatesOfTermsToCome([{ officerId: officer.id, issuedOn: standing.issuedOn }], today);
    const certification: CertificationFacts = { ...standing, renewedOn: renewals.get(officer.id) ?? null };
    const record = this.recordOf(officer, certification, discipline, officer.agencies);
    return officer.mergedFrom.length > 0 ? { ...record, mergedFrom: officer.mergedFrom } : record;
  }

  /**
   * c. 6E §13(a) orders as open data: every final suspension, revocation and retraining
   * order, one CSV row each, by POST ID then effective date. Built in pages of officers;
   * the whole file is a few hundred bytes per order.
   */
  async disciplinaryActionsCsv(): Promise<string> {
    const lines = [csvRow(DISCIPLINARY_ACTIONS_CSV_HEADER)];
    for (let after = ''; ;) {
      const officers = await officersWithFinalCases(this.dataSource.manager, after, EXPORT_PAGE);
      for (const record of await this.recordsOf(officers)) {
        for (const action of record.publicActions) {
          lines.push(csvRow([record.postId, record.name, action.type, action.effectiveOn, action.endsOn, action.groundCategory, action.agency]));
        }
      }
      if (officers.length < EXPORT_PAGE) return lines.join('');
      after = officers[officers.length - 1].postId;
    }
  }

  private async recordsOf(officers: readonly ListedOfficerRow[]): Promise<PublicOfficerRecord[]> {
    if (officers.length === 0) return [];
    const ids = officers.map((officer) => officer.id);
    const today = this.clock.today();
    const [verdicts, facts, agencies] = await Promise.all([
      this.certification.evaluateHireability(ids, today),
      this.discipline.factsFor(ids),
      agencyPeriodsOf(this.dataSource.manager, ids),
    ]);
    const renewals = await this.certification.renewalDatesOfTermsToCome(
      ids.map((id) => ({ officerId: id, issuedOn: verdicts.get(id)?.issuedOn ?? null })),
      today,
    );
    return officers.map((officer) => {
      const verdict = verdicts.get(officer.id);
      const certification: CertificationFacts = verdict
        ? { status: verdict.status, firstCertifiedOn: verdict.firstCertifiedOn, issuedOn: verdict.issuedOn, renewedOn: renewals.get(officer.id) ?? null }
        : { status: 'not_certified', firstCertifiedOn: null, issuedOn: null, renewedOn: null };
      return this.recordOf(officer, certification, facts.get(officer.id), agencies.get(officer.id) ?? []);
    });
  }

  private recordOf(
    officer: ListedOfficerRow,
    certification: CertificationFacts,
    discipline: PublicDisciplineFacts | undefined,
    agencies: PublicAgencyPeriod[],
  ): PublicOfficerRecord {
    return buildPublicOfficerRecord({
      postId: officer.postId,
      name: displayName(officer),
      certification,
      discipline: discipline ?? { finalActions: [], pendingDecision: false },
      agencies,
    });
  }
}
