import { EntityManager, IsNull } from 'typeorm';
import { EmploymentEntity, SeparationNature } from './employment.entity';

/*
 * The only writer of the `employment` table (DESIGN.md "Growing the house": one owning
 * context per table). Hiring records hires and discipline records separations through
 * EmploymentService; every function takes the caller's EntityManager, so that it runs
 * inside that transaction.
 */

export interface NewEmployment {
  officerId: string;
  agencyId: string;
  position: string;
  startDate: string;
  /** The hiring check that cleared the hire (DOMAIN.md "Hiring checks"). */
  hiringCheckId: string;
}

export interface Separation {
  endDate: string;
  separationNature: SeparationNature;
  separationReason: string;
  underInvestigation: boolean;
  separationNotes: string | null;
}

export function hasOpenEmployment(manager: EntityManager, officerId: string, agencyId: string): Promise<boolean> {
  return manager.exists(EmploymentEntity, { where: { officerId, agencyId, endDate: IsNull() } });
}

export function insertEmployment(manager: EntityManager, employment: NewEmployment): Promise<EmploymentEntity> {
  return manager.save(manager.create(EmploymentEntity, { ...employment, endDate: null }));
}

/** SELECT … FOR UPDATE, and only the agency's own row: another agency's reads as unknown. */
export function lockAgencyEmployment(manager: EntityManager, employmentId: string, agencyId: string): Promise<EmploymentEntity | null> {
  return manager.findOne(EmploymentEntity, { where: { id: employmentId, agencyId }, lock: { mode: 'pessimistic_write' } });
}

export async function updateSeparation(manager: EntityManager, employmentId: string, separation: Separation): Promise<void> {
  await manager.update(EmploymentEntity, { id: employmentId }, separation);
}
