import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor } from '@app/core';
import { recordOfficerEvents } from '@app/notifications';
import { EntityManager, In } from 'typeorm';
import { alreadyMerged, mergeRefused } from './domain/identity.errors';
import { mergeRefusals } from './domain/merge-rules';
import { officerNotFound } from './domain/officers.errors';
import { OfficerEntity } from './persistence/officer.entity';
import { insertMerge, isMerged, moveEmploymentAndNames, sharedOpenEmployments } from './persistence/officer-merge.store';
import { resolvePairOnMerge } from './persistence/possible-duplicate.store';

export interface MergePair {
  survivor: OfficerEntity;
  duplicate: OfficerEntity;
  differentBirthDates: boolean;
}

/**
 * The officers context's side of a merge (API.md "Identity changes and merges"), inside the
 * merge's transaction: both records locked first (in id order, so two merges of one pair queue
 * instead of deadlocking), the rules checked on what the lock protects, then employment and
 * names moved, the merge recorded (append-only) and the pair settled in the list of possible duplicates.
 */
@Injectable()
export class OfficerMergesService {
  constructor(private readonly audit: AuditService) {}

  /**
   * By the POST IDs as given (not following merges: a merge names the records themselves).
   * Unknown: 404; the duplicate merged already (a merge that lost a race): 409; the rules: 422.
   */
  async lockPair(
    manager: EntityManager,
    survivorPostId: string,
    duplicatePostId: string,
    options: { confirmDifferentBirthDates: boolean },
  ): Promise<MergePair> {
    const found = await manager.find(OfficerEntity, {
      where: { postId: In([survivorPostId, duplicatePostId]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const survivor = found.find((o) => o.postId === survivorPostId);
    const duplicate = found.find((o) => o.postId === duplicatePostId);
    if (!survivor) throw officerNotFound(survivorPostId);
    if (!duplicate) throw officerNotFound(duplicatePostId);
    if (survivor.id !== duplicate.id && (await isMerged(manager, duplicate.id))) throw alreadyMerged(duplicatePostId);
    const differentBirthDates = survivor.dateOfBirth !== duplicate.dateOfBirth;
    const reasons = mergeRefusals({
      sameRecord: survivor.id === duplicate.id,
      survivorMerged: await isMerged(manager, survivor.id),
      differentBirthDates,
      confirmDifferentBirthDates: options.confirmDifferentBirthDates,
      agenciesEmployingBoth: (await sharedOpenEmployments(manager, survivor.id, duplicate.id)).length,
    });
    if (reasons.length > 0) throw mergeRefused(reasons);
    return { survivor, duplicate, differentBirthDates };
  }

  async reassignOfficer(manager: EntityManager, actor: Actor, pair: MergePair, reason: string): Promise<void> {
    const { survivor, duplicate } = pair;
    await moveEmploymentAndNames(manager, duplicate.id, survivor.id, survivor.dateOfBirth);
    await insertMerge(manager, {
      duplicateOfficerId: duplicate.id,
      survivorOfficerId: survivor.id,
      reason,
      differentBirthDates: pair.differentBirthDates,
      actorId: actor.id,
      actorOrganizationId: actor.organizationId,
    });
    await resolvePairOnMerge(manager, survivor.id, duplicate.id, reason, actor.id);
    await recordOfficerEvents(manager, [
      { type: 'officer.identity_changed', officerId: duplicate.id, data: { mergedInto: survivor.postId } },
      { type: 'officer.identity_changed', officerId: survivor.id, data: {} },
    ]);
    // Never the dates of birth themselves (restricted): only whether they differed.
    await this.audit.record(manager, actor, {
      action: 'officer.merge',
      entityType: 'officer',
      entityId: survivor.id,
      details: {
        postId: survivor.postId,
        mergedPostId: duplicate.postId,
        mergedOfficerId: duplicate.id,
        reason,
        differentBirthDates: pair.differentBirthDates,
      },
    });
  }
}
