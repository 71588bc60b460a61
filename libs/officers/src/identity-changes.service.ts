import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { recordOfficerEvent } from '@app/notifications';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { aliasExists, identityUnchanged, nameChangeInFuture } from './domain/identity.errors';
import { normalizePersonName } from './domain/name-normalization';
import { dateOfBirthProblems, officerNameRows, PersonName } from './domain/officer-identity';
import { implausibleDateOfBirth, officerNotFound } from './domain/officers.errors';
import { aliasAccess, AliasScope, identityChangeAccess } from './identity.policy';
import { EmploymentEntity } from './persistence/employment.entity';
import { OfficerEntity } from './persistence/officer.entity';
import {
  AliasKind,
  AliasRow,
  aliasesOf,
  hasAlias,
  insertIdentityCorrection,
  insertNameRows,
  replaceCurrentNameRows,
  setNamesDateOfBirth,
} from './persistence/officer-names.store';
import { PossibleDuplicatesService } from './possible-duplicates.service';

export type { AliasKind } from './persistence/officer-names.store';
export const NAME_CHANGE_REASONS = ['marriage', 'divorce', 'court_order', 'correction'] as const;
export type NameChangeReason = (typeof NAME_CHANGE_REASONS)[number];

export interface NameChange extends PersonName {
  effectiveOn: IsoDate;
  reason: NameChangeReason;
}

export interface IdentityCorrection {
  /** Restricted. */
  dateOfBirth?: IsoDate;
  /** Restricted. */
  ssnLast4?: string;
  reason: string;
}

/** The identity after a change: the officer row and every alias with its kind. */
export interface OfficerIdentity {
  officer: OfficerEntity;
  aliases: AliasRow[];
}

/**
 * Identity changes (API.md and DOMAIN.md "Identity changes and merges"): a new current name
 * (the old one stays findable as a `prior_name` alias), aliases, and corrections of the date of
 * birth or SSN digits. Each is one transaction with its audit entry and an
 * `officer.identity_changed` outbox event; afterwards the duplicate rule runs again for the
 * officer, and any pair it finds goes to the commission's list of possible duplicates.
 */
@Injectable()
export class IdentityChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
    private readonly duplicates: PossibleDuplicatesService,
  ) {}

  async changeName(actor: Actor, postId: string, change: NameChange): Promise<OfficerIdentity> {
    await this.access.require(actor, { action: 'officer.change_name', entityType: 'officer', details: { postId } }, identityChangeAccess(actor));
    const today = this.clock.today();
    if (change.effectiveOn > today) throw nameChangeInFuture(change.effectiveOn, today);
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.lockOfficer(manager, postId);
      const before = nameOf(officer);
      const after: PersonName = {
        firstName: change.firstName,
        middleName: change.middleName ?? null,
        lastName: change.lastName,
        suffix: change.suffix ?? null,
      };
      await replaceCurrentNameRows(manager, officer.id, officer.dateOfBirth, officerNameRows(after, []));
      // The name the officer bore until now stays findable (DOMAIN.md: "a check by either name finds the officer").
      const old = normalizePersonName(before.firstName, before.lastName);
      const oldIsNew = old.full === normalizePersonName(after.firstName, after.lastName).full;
      if (!oldIsNew && !(await hasAlias(manager, officer.id, old.first, old.last))) {
        await insertNameRows(manager, officer.id, officer.dateOfBirth, aliasRow(before), 'prior_name');
      }
      await manager.update(OfficerEntity, { id: officer.id }, after);
      await this.audit.record(manager, actor, {
        action: 'officer.change_name',
        entityType: 'officer',
        entityId: officer.id,
        details: { postId: officer.postId, before, after, effectiveOn: change.effectiveOn, reason: change.reason },
      });
      return this.finish(manager, officer.id);
    });
  }

  async addAlias(actor: Actor, postId: string, alias: { firstName: string; lastName: string; kind: AliasKind }): Promise<OfficerIdentity> {
    const attempt = { action: 'officer.add_alias', entityType: 'officer', details: { postId } };
    const scope = await this.access.require(actor, attempt, aliasAccess(actor));
    try {
      return await this.dataSource.transaction(async (manager) => {
        const officer = await this.lockOfficer(manager, postId);
        if (!(await this.isWithin(manager, scope, officer))) throw officerNotFound(postId);
        const normalized = normalizePersonName(alias.firstName, alias.lastName);
        if (await hasAlias(manager, officer.id, normalized.first, normalized.last)) throw aliasExists();
        await insertNameRows(manager, officer.id, officer.dateOfBirth, aliasRow(alias), alias.kind);
        await this.audit.record(manager, actor, {
          action: 'officer.add_alias',
          entityType: 'officer',
          entityId: officer.id,
          details: { postId: officer.postId, alias: { firstName: alias.firstName, lastName: alias.lastName, kind: alias.kind } },
        });
        return this.finish(manager, officer.id);
      });
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
  }

  /**
   * Corrects the date of birth and/or SSN digits. The audit entry names the correction and the
   * fields changed; the before and after values, restricted, are kept in
   * `officer_identity_correction` (commission only), never in the audit details or a log.
   */
  async correctIdentity(actor: Actor, postId: string, correction: IdentityCorrection): Promise<OfficerIdentity> {
    await this.access.require(actor, { action: 'officer.correct_identity', entityType: 'officer', details: { postId } }, identityChangeAccess(actor));
    if (correction.dateOfBirth !== undefined) {
      const problems = dateOfBirthProblems(correction.dateOfBirth, this.clock.today());
      if (problems.length > 0) throw implausibleDateOfBirth(problems);
    }
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.lockOfficer(manager, postId);
      const before: Record<string, string | null> = {};
      const after: Record<string, string | null> = {};
      if (correction.dateOfBirth !== undefined && correction.dateOfBirth !== officer.dateOfBirth) {
        before.dateOfBirth = officer.dateOfBirth;
        after.dateOfBirth = correction.dateOfBirth;
      }
      if (correction.ssnLast4 !== undefined && correction.ssnLast4 !== officer.ssnLast4) {
        before.ssnLast4 = officer.ssnLast4;
        after.ssnLast4 = correction.ssnLast4;
      }
      const changedFields = Object.keys(after);
      if (changedFields.length === 0) throw identityUnchanged();
      await manager.update(OfficerEntity, { id: officer.id }, after);
      if (after.dateOfBirth) await setNamesDateOfBirth(manager, officer.id, after.dateOfBirth);
      const correctionId = await insertIdentityCorrection(manager, { officerId: officer.id, before, after, reason: correction.reason, actorId: actor.id });
      await this.audit.record(manager, actor, {
        action: 'officer.correct_identity',
        entityType: 'officer',
        entityId: officer.id,
        details: { postId: officer.postId, correctionId, changedFields, reason: correction.reason },
      });
      return this.finish(manager, officer.id);
    });
  }

  /** The officer that answers for this POST ID (a merged record's survivor), locked until the transaction ends. */
  private async lockOfficer(manager: EntityManager, postId: string): Promise<OfficerEntity> {
    const [row] = await manager.query<{ id: string }[]>(`SELECT officer_survivor(id) AS id FROM officer WHERE post_id = $1`, [postId]);
    const officer = row ? await manager.findOne(OfficerEntity, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!officer) throw officerNotFound(postId);
    return officer;
  }

  private async isWithin(manager: EntityManager, scope: AliasScope, officer: OfficerEntity): Promise<boolean> {
    if ('everyOfficer' in scope) return true;
    if ('enrolledBy' in scope) return officer.createdByOrganizationId === scope.enrolledBy;
    return manager.exists(EmploymentEntity, { where: { officerId: officer.id, agencyId: scope.employedBy, endDate: IsNull() } });
  }

  /** The event for agencies' webhooks, the duplicate rule run again, and the identity as it now reads. */
  private async finish(manager: EntityManager, officerId: string): Promise<OfficerIdentity> {
    const officer = await manager.findOneByOrFail(OfficerEntity, { id: officerId });
    await recordOfficerEvent(manager, { type: 'officer.identity_changed', officerId, data: {} });
    await this.duplicates.detectFor(manager, officer);
    return { officer, aliases: await aliasesOf(manager, officerId) };
  }
}

const nameOf = (officer: OfficerEntity): PersonName & { firstName: string; lastName: string } => ({
  firstName: officer.firstName,
  middleName: officer.middleName,
  lastName: officer.lastName,
  suffix: officer.suffix,
});

/** The `officer_name` row of a name borne as an alias. */
const aliasRow = (name: { firstName: string; lastName: string }) => officerNameRows(name, [name]).slice(-1);
