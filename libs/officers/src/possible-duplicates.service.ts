import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, Page, refuseAccess, timeAndIdKeyset } from '@app/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { displayName } from './domain/officer-identity';
import { possibleDuplicateNotFound, possibleDuplicateResolved } from './domain/identity.errors';
import { DUPLICATE_MIN_SIMILARITY, roundScore } from './officers.service';
import { findSameBirthDateSimilarNames } from './persistence/name-match.queries';
import { OfficerEntity } from './persistence/officer.entity';
import {
  insertPossibleDuplicates,
  lockPossibleDuplicate,
  NewPossibleDuplicate,
  openPossibleDuplicates,
  PossibleDuplicateSource,
  PossibleDuplicateStatus,
  resolvePossibleDuplicate,
} from './persistence/possible-duplicate.store';

export type { PossibleDuplicateSource, PossibleDuplicateStatus } from './persistence/possible-duplicate.store';

export interface PossibleDuplicatePair {
  id: string;
  source: PossibleDuplicateSource;
  status: PossibleDuplicateStatus;
  importId: string | null;
  matchScore: number | null;
  createdAt: Date;
  resolutionReason: string | null;
  resolvedAt: Date | null;
  officers: { postId: string; name: string }[];
}

/** Open pairs oldest first: (created_at, id). */
const PAIRS_KEYSET = timeAndIdKeyset({ at: 'timestamp', id: 'uuid' });

/** The commission judges whether two records are one person; nobody else sees the pairs. */
const commissionOnly = (actor: Actor) => (hasAnyRole(actor, COMMISSION_ROLES) ? grantAccess(true) : refuseAccess(accessForbidden()));
/** Identity decisions are the commission administrator's (API.md "Identity changes and merges"). */
export const commissionAdminOnly = (actor: Actor) => (hasAnyRole(actor, ['commission_admin']) ? grantAccess(true) : refuseAccess(accessForbidden()));

/**
 * Pairs of records that may be one person (API.md "Identity changes and merges"): written where
 * they arise (a create with `confirmDistinct`, an import's flag, a later change of names or date of
 * birth that makes two records alike), listed for the commission, dismissed with a reason or
 * settled by a merge. The work queue lists the open ones.
 */
@Injectable()
export class PossibleDuplicatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
  ) {}

  /** Inside the caller's transaction; a pair already known (either order) is kept as first found. */
  record(manager: EntityManager, source: PossibleDuplicateSource, pairs: readonly NewPossibleDuplicate[], importId: string | null = null): Promise<number> {
    return insertPossibleDuplicates(manager, source, pairs, importId);
  }

  /**
   * The same rule as `POST /officers` (same date of birth, a similar name, aliases included),
   * run again for one officer after its names or date of birth changed: new pairs are `detected`.
   * Records already merged away are not candidates.
   */
  async detectFor(manager: EntityManager, officer: { id: string; dateOfBirth: string }): Promise<number> {
    const names = await manager.query<{ normalized_full: string }[]>(`SELECT DISTINCT normalized_full FROM officer_name WHERE officer_id = $1`, [officer.id]);
    if (names.length === 0) return 0;
    const matches = await findSameBirthDateSimilarNames(
      manager,
      officer.dateOfBirth,
      names.map((n) => n.normalized_full),
      DUPLICATE_MIN_SIMILARITY,
      20,
    );
    const others = matches.filter((m) => m.officerId !== officer.id);
    if (others.length === 0) return 0;
    const merged = new Set(
      (
        await manager.query<{ id: string }[]>(`SELECT duplicate_officer_id AS id FROM officer_merge WHERE duplicate_officer_id = ANY($1::uuid[])`, [
          others.map((m) => m.officerId),
        ])
      ).map((r) => r.id),
    );
    return insertPossibleDuplicates(
      manager,
      'detected',
      others.filter((m) => !merged.has(m.officerId)).map((m) => ({ officerId: officer.id, otherOfficerId: m.officerId, matchScore: roundScore(m.score) })),
    );
  }

  async listOpen(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<PossibleDuplicatePair>> {
    await this.access.require(actor, { action: 'possible_duplicate.list', entityType: 'possible_duplicate' }, commissionOnly(actor));
    const after = PAIRS_KEYSET.after(page.cursor);
    const rows = await PAIRS_KEYSET.page(
      page.limit,
      (limit) => openPossibleDuplicates(this.dataSource.manager, after, limit),
      (last) => ({ at: last.created_at.toISOString(), id: last.id }),
    );
    const ids = [...new Set(rows.items.flatMap((r) => [r.officer_id, r.other_officer_id]))];
    const officers = new Map((await this.dataSource.manager.findBy(OfficerEntity, { id: In(ids) })).map((o) => [o.id, o]));
    const brief = (id: string) => {
      const officer = officers.get(id)!;
      return { postId: officer.postId, name: displayName(officer) };
    };
    return {
      nextCursor: rows.nextCursor,
      items: rows.items.map((r) => ({
        id: r.id,
        source: r.source,
        status: r.status,
        importId: r.import_id,
        matchScore: r.match_score,
        createdAt: r.created_at,
        resolutionReason: r.resolution_reason,
        resolvedAt: r.resolved_at,
        officers: [brief(r.officer_id), brief(r.other_officer_id)],
      })),
    };
  }

  /** The commission judged the two records to be two people. A pair already settled is a 409. */
  async dismiss(actor: Actor, id: string, reason: string): Promise<PossibleDuplicatePair> {
    await this.access.require(actor, { action: 'possible_duplicate.dismiss', entityType: 'possible_duplicate', entityId: id }, commissionAdminOnly(actor));
    await this.dataSource.transaction(async (manager) => {
      const pair = await lockPossibleDuplicate(manager, id);
      if (!pair) throw possibleDuplicateNotFound(id);
      if (pair.status !== 'open') throw possibleDuplicateResolved(id, pair.status);
      await resolvePossibleDuplicate(manager, id, 'dismissed', reason, actor.id);
      await this.audit.record(manager, actor, {
        action: 'possible_duplicate.dismiss',
        entityType: 'possible_duplicate',
        entityId: id,
        details: { officerIds: [pair.officer_id, pair.other_officer_id], reason },
      });
    });
    return this.get(id);
  }

  private async get(id: string): Promise<PossibleDuplicatePair> {
    const [row] = await this.dataSource.query<
      (Omit<PossibleDuplicatePair, 'officers'> & { a_post: string; a_first: string; a_middle: string | null; a_last: string; a_suffix: string | null } & {
        b_post: string;
        b_first: string;
        b_middle: string | null;
        b_last: string;
        b_suffix: string | null;
      })[]
    >(
      `SELECT d.id, d.source, d.status, d.import_id AS "importId", d.match_score::float8 AS "matchScore", d.created_at AS "createdAt",
              d.resolution_reason AS "resolutionReason", d.resolved_at AS "resolvedAt",
              a.post_id AS a_post, a.first_name AS a_first, a.middle_name AS a_middle, a.last_name AS a_last, a.suffix AS a_suffix,
              b.post_id AS b_post, b.first_name AS b_first, b.middle_name AS b_middle, b.last_name AS b_last, b.suffix AS b_suffix
         FROM possible_duplicate d JOIN officer a ON a.id = d.officer_id JOIN officer b ON b.id = d.other_officer_id
        WHERE d.id = $1`,
      [id],
    );
    const { a_post, a_first, a_middle, a_last, a_suffix, b_post, b_first, b_middle, b_last, b_suffix, ...pair } = row;
    return {
      ...pair,
      officers: [
        { postId: a_post, name: displayName({ firstName: a_first, middleName: a_middle, lastName: a_last, suffix: a_suffix }) },
        { postId: b_post, name: displayName({ firstName: b_first, middleName: b_middle, lastName: b_last, suffix: b_suffix }) },
      ],
    };
  }
}
