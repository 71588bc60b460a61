import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl } from '@app/audit';
import { CertificationMergeService } from '@app/certification';
import { accessForbidden, Actor, Clock, grantAccess, hasAnyRole, refuseAccess } from '@app/core';
import { DisciplineMergeService } from '@app/discipline';
import { reassignOfficerDisputes } from '@app/disputes';
import { reassignOfficerNotices } from '@app/notifications';
import { displayName, OfficerMergesService, OfficersService } from '@app/officers';
import { DataSource } from 'typeorm';

export interface MergeCommand {
  duplicatePostId: string;
  reason: string;
  confirmDifferentBirthDates?: boolean;
}

export interface MergedOfficer {
  postId: string;
  name: string;
  /** Every record merged into this one, the one just merged included. */
  mergedFrom: string[];
  certificationStatus: string;
  /** Whose certification the merged officer carries: the worse standing of the two. */
  certificationKeptFrom: 'survivor' | 'duplicate';
  /** How many of the duplicate's rows each context moved to the survivor. */
  moved: { cases: number; reports: number; notices: number; disputes: number };
}

/** Merges are the commission administrator's (API.md "Identity changes and merges"). */
const mergeAccess = (actor: Actor) => (hasAnyRole(actor, ['commission_admin']) ? grantAccess(true) : refuseAccess(accessForbidden()));

/**
 * One officer of two (DOMAIN.md "Identity changes and merges"): a merge can never launder a
 * record. One transaction; each table moves through the context that owns it (`reassignOfficer`),
 * locks taken in one order: the two officers (by id), their certifications (by id), then the
 * rows each context moves (disputes last: they move only to a recorded survivor). Append-only history (training completions, certification history,
 * hiring checks, imported final actions) is never rewritten: the merge record makes every read of
 * the survivor follow it (`officer_lineage`), and the duplicate's POST ID answers with the survivor
 * (`officer_survivor`) on every route, API and public.
 */
@Injectable()
export class OfficerMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly clock: Clock,
    private readonly officers: OfficersService,
    private readonly officerMerges: OfficerMergesService,
    private readonly certification: CertificationMergeService,
    private readonly discipline: DisciplineMergeService,
  ) {}

  async merge(actor: Actor, survivorPostId: string, command: MergeCommand): Promise<MergedOfficer> {
    await this.access.require(
      actor,
      { action: 'officer.merge', entityType: 'officer', details: { postId: survivorPostId, duplicatePostId: command.duplicatePostId } },
      mergeAccess(actor),
    );
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const pair = await this.officerMerges.lockPair(manager, survivorPostId, command.duplicatePostId, {
        confirmDifferentBirthDates: command.confirmDifferentBirthDates === true,
      });
      const { survivor, duplicate } = pair;
      const certification = await this.certification.reassignOfficer(manager, actor, duplicate.id, survivor.id, today);
      const moved = await this.discipline.reassignOfficer(manager, duplicate.id, survivor.id);
      const notices = await reassignOfficerNotices(manager, duplicate.id, survivor.id);
      await this.officerMerges.reassignOfficer(manager, actor, pair, command.reason);
      // After the merge row: the dispute table lets an officer change only to a recorded survivor.
      const disputes = await reassignOfficerDisputes(manager, duplicate.id, survivor.id);
      return {
        postId: survivor.postId,
        name: displayName(survivor),
        mergedFrom: await this.officers.mergedFrom(survivor.id, manager),
        certificationStatus: certification.status,
        certificationKeptFrom: certification.keptFrom,
        moved: { ...moved, notices, disputes },
      };
    });
  }
}
