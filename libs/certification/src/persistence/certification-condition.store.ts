import type { EntityManager } from 'typeorm';
import type { ConditionBasis, ConditionRequest } from '../domain';
import { CertificationConditionEntity } from './certification-condition.entity';

/*
 * The conditions of one officer's certification. Every write runs in the caller's transaction
 * with the certification row locked, so that a grant, a satisfaction and an admin suspension of
 * the same officer are ordered one after another.
 */

/** Every condition of the officer, earliest due first. */
export function conditionsOf(manager: EntityManager, officerId: string): Promise<CertificationConditionEntity[]> {
  return manager.find(CertificationConditionEntity, { where: { officerId }, order: { dueOn: 'ASC', createdAt: 'ASC', id: 'ASC' } });
}

/** A later grant judges the officer afresh: what an earlier grant still asked is closed, not carried over. */
export async function supersedeOpenConditions(manager: EntityManager, officerId: string, closedAt: Date): Promise<string[]> {
  const result = await manager
    .createQueryBuilder()
    .update(CertificationConditionEntity)
    .set({ status: 'superseded', closedAt })
    .where('officer_id = :officerId AND status = :open', { officerId, open: 'open' })
    .returning('id')
    .execute();
  return (result.raw as { id: string }[]).map((row) => row.id);
}

export async function insertConditions(
  manager: EntityManager,
  officerId: string,
  conditions: readonly ConditionRequest[],
  meta: { imposedOn: string; imposedBy: string; createdAt: Date },
): Promise<CertificationConditionEntity[]> {
  const rows = conditions.map((condition) =>
    manager.create(CertificationConditionEntity, {
      officerId,
      basis: condition.basis as ConditionBasis,
      description: condition.description,
      dueOn: condition.dueOn,
      imposedOn: meta.imposedOn,
      imposedBy: meta.imposedBy,
      createdAt: meta.createdAt,
      status: 'open',
      satisfiedOn: null,
      satisfiedBy: null,
      evidence: null,
      closedAt: null,
    }),
  );
  return rows.length === 0 ? [] : manager.save(CertificationConditionEntity, rows);
}

/** Only an open condition is satisfied: the WHERE refuses a second satisfaction even without the row lock. */
export async function markSatisfied(
  manager: EntityManager,
  conditionId: string,
  satisfaction: { satisfiedOn: string; satisfiedBy: string; evidence: string; closedAt: Date },
): Promise<boolean> {
  const result = await manager.update(
    CertificationConditionEntity,
    { id: conditionId, status: 'open' },
    {
      status: 'satisfied',
      satisfiedOn: satisfaction.satisfiedOn,
      satisfiedBy: satisfaction.satisfiedBy,
      evidence: satisfaction.evidence,
      closedAt: satisfaction.closedAt,
    },
  );
  return (result.affected ?? 0) === 1;
}
