import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { CertificationService } from '@app/certification';
import { Actor, Clock, IsoDate, Page, timeAndIdKeyset } from '@app/core';
import { withIdempotency } from '@app/database';
import { DisciplineFactsService } from '@app/discipline';
import { DisputeMarks } from '@app/disputes';
import { dateOfBirthProblems, displayName, findNameCandidates, matchNames, NameMatch, normalizeName, withSsnEvidence } from '@app/officers';
import { DataSource } from 'typeorm';
import { hiringMatch, HiringMatch, PossibleDuplicateIdentity } from './domain/hiring-answer';
import { hiringCheckNotFound, invalidHiringCheckQuery } from './domain/hiring.errors';
import { HiringCheckRecorder } from './hiring-check.recorder';
import { checksAboutMeAccess, hiringAccess, hiringCheckListAccess } from './hiring.policy';
import { checksThatFound, findAgencyCheck, HiringCheckQuery, listChecks, StoredHiringCheck } from './persistence/hiring-check.store';
import { OfficerProfile, profileByPostId, profilesByIds } from './persistence/officer-profiles.queries';

export type { HiringCheckQuery, StoredHiringCheck };

/** Plain JSON (checkedAt as ISO 8601), so that an Idempotency-Key replay returns it unchanged. */
export interface HiringCheckResult {
  id: string;
  checkedAt: string;
  matches: HiringMatch[];
}

type FoundOfficer = {
  profile: OfficerProfile;
  match: Pick<NameMatch, 'matchScore' | 'matchReasons'> & Partial<Pick<NameMatch, 'matchedName'>>;
  possibleDuplicates?: PossibleDuplicateIdentity[];
};
const BY_POST_ID: FoundOfficer['match'] = { matchScore: 1, matchReasons: ['post_id'] };
/** Newest first: (checkedAt, id). */
const CHECKS_KEYSET = timeAndIdKeyset();

/**
 * Hiring checks (DOMAIN.md "Hiring checks"; c. 6E §4(d), §11): the answer for every
 * matched officer, stored with the question and audited. An agency sees its own checks only.
 */
@Injectable()
export class HiringChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly certification: CertificationService,
    private readonly discipline: DisciplineFactsService,
    private readonly recorder: HiringCheckRecorder,
    private readonly clock: Clock,
    private readonly disputes: DisputeMarks,
  ) {}

  /**
   * By `postId` (exact) or by name and date of birth (the date exact, the name tolerant).
   * An unknown POST ID or no name match is an answer too: an empty `matches`, stored.
   */
  async check(actor: Actor, query: HiringCheckQuery, idempotencyKey?: string): Promise<HiringCheckResult> {
    const { agencyId } = await this.access.require(actor, { action: 'hiring_check.create', entityType: 'hiring_check' }, hiringAccess(actor));
    const now = this.clock.now();
    const today = this.clock.today();
    const found = 'postId' in query ? await this.byPostId(query.postId, today) : await this.byName(query, today);
    const matches = await this.answer(found, today);
    const matchedOfficerIds = found.map((f) => f.profile.officerId);

    const check = { agencyId, actor, checkedAt: now, query, matches, matchedOfficerIds };
    if (idempotencyKey === undefined) {
      // Stored with its audit entry in one transaction, batched with concurrent checks (HiringCheckRecorder).
      return { id: await this.recorder.record(check), checkedAt: now.toISOString(), matches };
    }
    // A client retrying with its key gets the first answer back, not a second check.
    const request = { organizationId: agencyId, key: idempotencyKey, method: 'POST', path: '/hiring-checks', body: query };
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        request,
        async () => {
          const [id] = await this.recorder.writeIn(manager, [check]);
          return { id, checkedAt: now.toISOString(), matches };
        },
        // The stored answer goes out again, perhaps to another of the agency's users: a read of a check (DOMAIN.md "Audit").
        (replayed) => this.audit.record(manager, actor, { action: 'hiring_check.replay', entityType: 'hiring_check', entityId: replayed.id }),
      ),
    );
  }

  /**
   * Newest first: an agency's own checks; for the commission every agency's, or one agency's
   * (`agencyId`); `postId` keeps the checks that found that officer. Audited: the answers are restricted.
   */
  async list(actor: Actor, query: { limit: number; cursor?: string; agencyId?: string; postId?: string }): Promise<Page<StoredHiringCheck>> {
    const filters = { agencyId: query.agencyId ?? null, postId: query.postId ?? null };
    const scope = await this.access.require(
      actor,
      { action: 'hiring_check.list', entityType: 'hiring_check', details: filters },
      hiringCheckListAccess(actor, query.agencyId),
    );
    const after = CHECKS_KEYSET.after(query.cursor);
    return this.dataSource.transaction(async (manager) => {
      const checks = scope.nothing
        ? { items: [], nextCursor: null }
        : await CHECKS_KEYSET.page(
            query.limit,
            (limit) => listChecks(manager, { agencyId: scope.agencyId, officerPostId: query.postId }, { limit, after }),
            (last) => ({ at: last.checkedAt.toISOString(), id: last.id }),
          );
      await this.audit.record(manager, actor, {
        action: 'hiring_check.list',
        entityType: 'hiring_check',
        details: { ...filters, count: checks.items.length },
      });
      return checks;
    });
  }

  /** One of the caller agency's checks; another agency's is the 404 of an unknown id, and the attempt is audited. */
  async get(actor: Actor, id: string): Promise<StoredHiringCheck> {
    const attempt = { action: 'hiring_check.read', entityType: 'hiring_check', entityId: id };
    const { agencyId } = await this.access.require(actor, attempt, hiringAccess(actor));
    const found = await this.dataSource.transaction(async (manager) => {
      const check = await findAgencyCheck(manager, agencyId, id);
      if (check) await this.audit.record(manager, actor, { action: 'hiring_check.read', entityType: 'hiring_check', entityId: id });
      return check;
    });
    return found ?? this.access.refuse(actor, attempt, hiringCheckNotFound());
  }

  /** The checks that found the officer of an officer's own account (API.md `GET /me/record`), newest first. */
  async checksAboutMe(actor: Actor): Promise<{ checkedAt: Date; agency: { name: string; code: string } }[]> {
    const { officerId } = await this.access.require(actor, { action: 'hiring_check.list', entityType: 'hiring_check' }, checksAboutMeAccess(actor));
    return checksThatFound(this.dataSource.manager, officerId);
  }

  private async byPostId(postId: string, today: IsoDate): Promise<FoundOfficer[]> {
    const profile = await profileByPostId(this.dataSource.manager, postId);
    return profile ? [{ profile, match: BY_POST_ID, possibleDuplicates: await this.otherRecordsOf(profile, today) }] : [];
  }

  /**
   * Other records of the same date of birth whose names the matcher would list for this
   * officer's current name: a check by POST ID shows them, so that a second record created
   * with `confirmDistinct` cannot hide a first one's revocation (DOMAIN.md "Hiring checks").
   */
  private async otherRecordsOf(profile: OfficerProfile, today: IsoDate): Promise<PossibleDuplicateIdentity[]> {
    const query = nameQueryOf(profile.firstName, profile.lastName);
    if (query.normalizedFirst === '' || query.normalizedLast === '') return [];
    const others = matchNames(query, await findNameCandidates(this.dataSource.manager, profile.dateOfBirth, query)).filter(
      (m) => m.officerId !== profile.officerId,
    );
    if (others.length === 0) return [];
    const profiles = await profilesByIds(
      this.dataSource.manager,
      others.map((m) => m.officerId),
    );
    return others.flatMap((m) => {
      const other = profiles.get(m.officerId);
      return other ? [{ postId: other.postId, certificationStatus: this.certification.verdictFromSnapshot(other.certification, today).status }] : [];
    });
  }

  private async byName(query: { firstName: string; lastName: string; dateOfBirth: IsoDate; ssnLast4?: string }, today: IsoDate): Promise<FoundOfficer[]> {
    const problems = dateOfBirthProblems(query.dateOfBirth, today);
    if (problems.length > 0) throw invalidHiringCheckQuery(problems);
    const nameQuery = nameQueryOf(query.firstName, query.lastName);
    if (nameQuery.normalizedFirst === '' || nameQuery.normalizedLast === '') return [];
    const matches = matchNames(nameQuery, await findNameCandidates(this.dataSource.manager, query.dateOfBirth, nameQuery));
    const profiles = await profilesByIds(
      this.dataSource.manager,
      matches.map((m) => m.officerId),
    );
    const found = matches.flatMap((match) => {
      const profile = profiles.get(match.officerId);
      // SSN digits adjust the score of a listed match, never whether it is listed.
      return profile ? [{ profile, match: withSsnEvidence(match, query.ssnLast4, profile.ssnLast4) }] : [];
    });
    return found.sort((a, b) => b.match.matchScore - a.match.matchScore || a.profile.postId.localeCompare(b.profile.postId));
  }

  /** Certification and discipline from the snapshots read with each profile: no further query. */
  private async answer(found: FoundOfficer[], today: IsoDate): Promise<HiringMatch[]> {
    // One query for every match's open disputes.
    const disputed = await this.disputes.subjectTypesByOfficer(found.map((f) => f.profile.officerId));
    return Promise.all(
      found.map(async ({ profile, match, possibleDuplicates }) => {
        const verdict = this.certification.verdictFromSnapshot(profile.certification, today);
        const { facts, caseNumbers } = await this.discipline.factsFromSnapshot(profile.discipline);
        return hiringMatch({
          postId: profile.postId,
          name: displayName(profile),
          matchScore: match.matchScore,
          matchReasons: match.matchReasons,
          matchedAlias: match.matchedName?.kind === 'alias' ? { firstName: match.matchedName.firstName, lastName: match.matchedName.lastName } : undefined,
          mergedFrom: profile.mergedFrom,
          verdict,
          discipline: { openCases: facts.openCases, sustainedFindings: facts.sustainedFindings },
          employments: profile.employments,
          caseNumbers,
          revokedInOtherJurisdiction: facts.revokedInOtherJurisdiction,
          possibleDuplicates,
          disputed: disputed.get(profile.officerId) ?? [],
        });
      }),
    );
  }
}

const nameQueryOf = (firstName: string, lastName: string) => ({
  firstName,
  lastName,
  normalizedFirst: normalizeName(firstName),
  normalizedLast: normalizeName(lastName),
});
