import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor } from '@app/core';
import { recordOfficerEvents } from '@app/notifications';
import { EntityManager } from 'typeorm';
import { certificationThatSurvives, firstCertifiedOfBoth, MERGE_BASIS, MERGE_REASON } from './domain/certification-merge';
import { lockOrCreateCertification } from './persistence/certification.store';
import { CertificationEntity } from './persistence/certification.entity';
import { CertificationHistoryEntity } from './persistence/certification-history.entity';

export interface MergedCertification {
  /** Whose state the merged officer now carries. */
  keptFrom: 'survivor' | 'duplicate';
  from: string;
  status: string;
}

/**
 * The certification side of a merge (API.md "Identity changes and merges"), inside the merge's
 * transaction. The history is append-only and stays where it was written: the survivor's reads
 * follow the merge (`officer_lineage`), so the duplicate's revocation, with its date and case,
 * reads as the survivor's. The survivor's state row takes the worse standing of the two
 * (`certificationThatSurvives`), with one history row saying the merge changed it.
 */
@Injectable()
export class CertificationMergeService {
  constructor(private readonly audit: AuditService) {}

  async reassignOfficer(manager: EntityManager, actor: Actor, duplicateId: string, survivorId: string, today: string): Promise<MergedCertification> {
    // Locks in officer id order, as the merge locks the officers.
    const [first, second] = [duplicateId, survivorId].sort();
    const rows = new Map<string, CertificationEntity>();
    for (const id of [first, second]) rows.set(id, await lockOrCreateCertification(manager, id));
    const survivor = rows.get(survivorId)!;
    const duplicate = rows.get(duplicateId)!;
    const keptFrom = certificationThatSurvives(survivor.status, duplicate.status);
    const firstCertifiedOn = firstCertifiedOfBoth(survivor.firstCertifiedOn, duplicate.firstCertifiedOn);
    const kept = keptFrom === 'duplicate' ? duplicate : survivor;
    await manager
      .createQueryBuilder()
      .update(CertificationEntity)
      .set({
        status: kept.status,
        issuedOn: kept.issuedOn,
        expiresOn: kept.expiresOn,
        adminSuspensionReason: kept.adminSuspensionReason,
        statusBeforeSuspension: kept.statusBeforeSuspension,
        suspensionCaseId: kept.suspensionCaseId,
        suspensionEndsOn: kept.suspensionEndsOn,
        statusBeforeRevocation: kept.statusBeforeRevocation,
        revocationCaseId: kept.revocationCaseId,
        firstCertifiedOn,
        version: () => 'version + 1',
        updatedAt: new Date(),
      })
      .where('officer_id = :officerId', { officerId: survivorId })
      .execute();
    if (keptFrom === 'duplicate') {
      await manager.insert(CertificationHistoryEntity, {
        officerId: survivorId,
        fromStatus: survivor.status,
        toStatus: duplicate.status,
        reason: MERGE_REASON,
        basis: MERGE_BASIS,
        caseId: duplicate.revocationCaseId ?? duplicate.suspensionCaseId ?? null,
        actorId: actor.id,
        effectiveOn: today,
        recordedAt: new Date(),
      });
      if (survivor.status !== duplicate.status) {
        await recordOfficerEvents(manager, [
          { type: 'officer.certification_changed', officerId: survivorId, data: { from: survivor.status, to: duplicate.status, effectiveOn: today } },
        ]);
      }
    }
    await this.audit.record(manager, actor, {
      action: 'certification.merge',
      entityType: 'certification',
      entityId: survivorId,
      details: { mergedOfficerId: duplicateId, keptFrom, from: survivor.status, to: kept.status, duplicateStatus: duplicate.status },
    });
    return { keptFrom, from: survivor.status, status: kept.status };
  }
}
