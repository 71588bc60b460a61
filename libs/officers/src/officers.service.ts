import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, DomainError, IsoDate, organizationOf } from '@app/core';
import { withIdempotency } from '@app/database';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { dateOfBirthProblems, displayName, formatPostId, OfficerNameRow, officerNameRows } from './domain/officer-identity';
import { implausibleDateOfBirth, officerNotFound, PossibleDuplicate, possibleDuplicateOfficer } from './domain/officers.errors';
import { EmploymentEntity } from './persistence/employment.entity';
import { matchNames, MATCH_THRESHOLD } from './domain/name-match';
import { findNameCandidates } from './persistence/name-candidates.queries';
import { findSameBirthDateSimilarNames } from './persistence/name-match.queries';
import { OfficerNameEntity } from './persistence/officer-name.entity';
import { OfficerEntity } from './persistence/officer.entity';
import { insertPossibleDuplicates } from './persistence/possible-duplicate.store';
import { mergedPostIds } from './persistence/officer-merge.store';
import { officerRecordAccess, OfficerRecordScope } from './officer-record.policy';

export { officerNotFound };

export interface OfficerNameInput {
  firstName: string;
  lastName: string;
}

export interface CreateOfficerCommand {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  suffix?: string | null;
  /** Restricted. */
  dateOfBirth: IsoDate;
  /** Restricted. */
  ssnLast4?: string | null;
  /** Restricted. Where the officer's notices are mailed (issue 19). */
  email?: string | null;
  /** Prior names. */
  aliases?: OfficerNameInput[];
}

export interface CreatedOfficer {
  officer: OfficerEntity;
  aliases: OfficerNameInput[];
}

/** Same date of birth and a name at least this similar (pg_trgm, 0..1) stops a create (issue 3). */
export const DUPLICATE_MIN_SIMILARITY = 0.5;
const MAX_DUPLICATES_LISTED = 20;
/** Namespace of the two-key advisory locks below (the audit chain uses the one-key space). */
const OFFICER_DOB_LOCK_NAMESPACE = 6_006_006;

@Injectable()
export class OfficersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /**
   * The officer with this POST ID, or OFFICER.NOT_FOUND (404). Pass the transaction's manager inside one.
   * A merged record's POST ID answers with its survivor (API.md "Identity changes and merges").
   */
  async requireByPostId(postId: string, manager: EntityManager = this.dataSource.manager): Promise<OfficerEntity> {
    const officer = await findSurvivorByPostId(manager, postId);
    if (!officer) throw officerNotFound(postId);
    return officer;
  }

  /** POST IDs of the records merged into this officer (`mergedFrom`), in POST ID order. */
  mergedFrom(officerId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return mergedPostIds(manager, officerId);
  }

  /** The officer and every record merged into it, at any depth: their ids and POST IDs (the officer's first). */
  async lineage(officerId: string, manager: EntityManager = this.dataSource.manager): Promise<{ officerIds: string[]; postIds: string[] }> {
    const rows = await manager.query<{ id: string; post_id: string }[]>(
      `SELECT o.id, o.post_id FROM officer o WHERE o.id = ANY(officer_lineage($1)) ORDER BY o.id = $1 DESC, o.post_id`,
      [officerId],
    );
    return { officerIds: rows.map((r) => r.id), postIds: rows.map((r) => r.post_id) };
  }

  /** The officer an officer's own account is bound to (API.md "Officers' own accounts"); 404 for anyone else. */
  async requireOwn(actor: Actor): Promise<OfficerEntity> {
    const attempt = { action: 'officer.read', entityType: 'officer', entityId: actor.officerId ?? null };
    const scope = await this.access.require(actor, attempt, officerRecordAccess(actor));
    const officer = 'ownRecord' in scope ? await this.dataSource.manager.findOneBy(OfficerEntity, { id: scope.ownRecord }) : null;
    return officer ?? this.access.refuse(actor, attempt, officerNotFound(''));
  }

  /**
   * Registers a person with a new lifelong POST ID, their names (current and prior) for
   * matching, and the certification record every officer has (`not_certified`). Refused
   * with OFFICER.POSSIBLE_DUPLICATE when someone born the same day has a similar name,
   * unless the caller confirms it is a different person. With an `Idempotency-Key`, a retry
   * replays the first result; the key row stores only the
   * officer id: the identity, restricted in part, is re-read, never copied into another table.
   */
  async create(actor: Actor, command: CreateOfficerCommand, options: { confirmDistinct: boolean; idempotencyKey?: string }): Promise<CreatedOfficer> {
    const problems = dateOfBirthProblems(command.dateOfBirth, this.clock.today());
    if (problems.length > 0) throw implausibleDateOfBirth(problems);
    const aliases = command.aliases ?? [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const request = {
          organizationId: organizationOf(actor),
          key: options.idempotencyKey,
          method: 'POST',
          path: '/officers',
          body: { command, confirmDistinct: options.confirmDistinct },
        };
        const { officerId } = await withIdempotency(manager, request, () => this.insertOfficer(manager, actor, command, options.confirmDistinct));
        return { officer: await manager.findOneByOrFail(OfficerEntity, { id: officerId }), aliases };
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'OFFICER.POSSIBLE_DUPLICATE') {
        // Each refusal discloses which POST IDs share a birth date with the query: keep a record of who asked.
        const listed = (error.extensions.possibleDuplicates as PossibleDuplicate[]).map((c) => c.postId);
        await this.audit.recordStandalone(actor, {
          action: 'officer.create_refused_duplicate',
          entityType: 'officer',
          details: { possibleDuplicates: listed },
        });
      }
      throw error;
    }
  }

  private async insertOfficer(manager: EntityManager, actor: Actor, command: CreateOfficerCommand, confirmDistinct: boolean): Promise<{ officerId: string }> {
    const aliases = command.aliases ?? [];
    const names = officerNameRows(command, aliases);
    // Creates for one date of birth queue here, so two identical parallel requests cannot
    // both pass the duplicate check: the second sees the first's committed names.
    await manager.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [OFFICER_DOB_LOCK_NAMESPACE, `officer-dob:${command.dateOfBirth}`]);
    const byRules = await this.matchedByRules(manager, command.dateOfBirth, names);
    const matches = await findSameBirthDateSimilarNames(
      manager,
      command.dateOfBirth,
      [...new Set(names.map((name) => name.normalizedFull))],
      DUPLICATE_MIN_SIMILARITY,
      MAX_DUPLICATES_LISTED,
      [...byRules.keys()],
    );
    const candidates: PossibleDuplicate[] = matches
      .map((m) => ({ postId: m.postId, name: displayName(m), matchScore: roundScore(Math.max(m.score, byRules.get(m.officerId) ?? 0)) }))
      .sort((a, b) => b.matchScore - a.matchScore || a.postId.localeCompare(b.postId));
    if (candidates.length > 0 && !confirmDistinct) throw possibleDuplicateOfficer(candidates);

    const [{ n }] = await manager.query<{ n: string }[]>(`SELECT nextval('officer_post_number_seq') AS n`);
    const officer = await manager.save(
      manager.create(OfficerEntity, {
        postId: formatPostId(this.config.getOrThrow<string>('jurisdiction'), n),
        firstName: command.firstName,
        middleName: command.middleName ?? null,
        lastName: command.lastName,
        suffix: command.suffix ?? null,
        dateOfBirth: command.dateOfBirth,
        ssnLast4: command.ssnLast4 ?? null,
        email: command.email ?? null,
        createdByOrganizationId: actor.organizationId,
      }),
    );
    await manager.insert(
      OfficerNameEntity,
      names.map((name) => ({ ...name, officerId: officer.id, dateOfBirth: command.dateOfBirth })),
    );
    await manager.query(`INSERT INTO certification (officer_id, status) VALUES ($1, 'not_certified')`, [officer.id]);
    // Confirmed distinct is the registrar's word, not the commission's: the pair goes to its list (GET /officers/possible-duplicates).
    await insertPossibleDuplicates(
      manager,
      'confirm_distinct',
      matches.map((m) => ({ officerId: officer.id, otherOfficerId: m.officerId, matchScore: roundScore(m.score) })),
    );
    await this.audit.record(manager, actor, {
      action: 'officer.create',
      entityType: 'officer',
      entityId: officer.id,
      // Never the date of birth, SSN digits or email (DOMAIN.md "What is public": restricted); only whether an email was given.
      details: {
        postId: officer.postId,
        firstName: officer.firstName,
        middleName: officer.middleName,
        lastName: officer.lastName,
        suffix: officer.suffix,
        aliases,
        emailOnFile: officer.email !== null,
        ...(candidates.length > 0 ? { confirmedDistinctFrom: candidates.map((c) => c.postId) } : {}),
      },
    });
    return { officerId: officer.id };
  }

  /**
   * Officers born that day whom the hiring check's matcher lists for any of the new names
   * (DOMAIN.md "Hiring checks": nicknames, transposed letters, sound-alikes, swapped and
   * compound names), with their best score: the same rules find a duplicate as find a match.
   */
  private async matchedByRules(manager: EntityManager, dateOfBirth: IsoDate, names: readonly OfficerNameRow[]): Promise<Map<string, number>> {
    const best = new Map<string, number>();
    const distinct = new Map(names.map((n) => [`${n.normalizedFirst}|${n.normalizedLast}`, n]));
    for (const name of distinct.values()) {
      if (name.normalizedFirst === '' || name.normalizedLast === '') continue;
      const query = { firstName: name.firstName, lastName: name.lastName, normalizedFirst: name.normalizedFirst, normalizedLast: name.normalizedLast };
      for (const match of matchNames(query, await findNameCandidates(manager, dateOfBirth, query))) {
        if (match.matchScore >= MATCH_THRESHOLD) best.set(match.officerId, Math.max(best.get(match.officerId) ?? 0, match.matchScore));
      }
    }
    return best;
  }

  /**
   * The officer if it is inside the scope of the officer-record policy (`officerRecordAccess`,
   * or a scope another context's policy built on it); otherwise OFFICER.NOT_FOUND, exactly as
   * for an unknown POST ID, audited as the refusal of `attempt` (in its own transaction: call
   * this before opening yours).
   */
  async requireVisibleByPostId(actor: Actor, postId: string, attempt = 'officer.read', scope?: OfficerRecordScope): Promise<OfficerEntity> {
    const within = scope ?? (await this.access.require(actor, { action: attempt, entityType: 'officer', details: { postId } }, officerRecordAccess(actor)));
    const officer = await findSurvivorByPostId(this.dataSource.manager, postId);
    if (officer && (await this.isWithin(within, officer.id))) return officer;
    return this.access.refuse(actor, { action: attempt, entityType: 'officer', entityId: officer?.id ?? null, details: { postId } }, officerNotFound(postId));
  }

  private async isWithin(scope: OfficerRecordScope, officerId: string): Promise<boolean> {
    if ('everyOfficer' in scope) return true;
    if ('noOfficer' in scope) return false;
    if ('ownRecord' in scope) return scope.ownRecord === officerId;
    return this.dataSource.manager.exists(EmploymentEntity, { where: { officerId, agencyId: scope.employedBy } });
  }

  /** Every employment of the officer, oldest first. */
  findEmployments(officerId: string, manager: EntityManager = this.dataSource.manager): Promise<EmploymentEntity[]> {
    return manager.find(EmploymentEntity, { where: { officerId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
  }

  /** Agencies that employ the officer now (open employment), or ever with `includePast`. */
  async employingAgencyIds(officerId: string, options: { includePast?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.find(EmploymentEntity, {
      select: { agencyId: true },
      where: options.includePast ? { officerId } : { officerId, endDate: IsNull() },
    });
    return [...new Set(rows.map((row) => row.agencyId))];
  }

  /** All names (current first, then aliases) of the officer. */
  findNames(officerId: string, manager: EntityManager = this.dataSource.manager): Promise<OfficerNameEntity[]> {
    return manager
      .createQueryBuilder(OfficerNameEntity, 'n')
      .where('n.officerId = :officerId', { officerId })
      .orderBy(`CASE WHEN n.kind = 'current' THEN 0 ELSE 1 END`)
      .addOrderBy('n.lastName')
      .addOrderBy('n.firstName')
      .getMany();
  }
}

export const roundScore = (score: number) => Math.round(score * 1000) / 1000;

/** The officer that answers for a POST ID: itself, or the survivor its merges lead to. */
export function findSurvivorByPostId(manager: EntityManager, postId: string): Promise<OfficerEntity | null> {
  return manager
    .createQueryBuilder(OfficerEntity, 'o')
    .where('o.id = (SELECT officer_survivor(x.id) FROM officer x WHERE x.post_id = :postId)', { postId })
    .getOne();
}
