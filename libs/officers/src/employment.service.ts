import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EmploymentEntity } from './persistence/employment.entity';
import { hasOpenEmployment, insertEmployment, lockAgencyEmployment, NewEmployment, Separation, updateSeparation } from './persistence/employment.store';

/** An officer's period at one agency, as other contexts see it (the `employment` row). */
export type Employment = Readonly<EmploymentEntity>;

/**
 * Employment history belongs to officers (DESIGN.md "Layout"); hires (hiring) and separations
 * (discipline) are recorded through this service, inside the caller's transaction, which also
 * writes the audit entry. The rules of each use case stay with its context: the hire guard in
 * hiring, the separation rules in discipline.
 */
@Injectable()
export class EmploymentService {
  /** Whether the agency employs the officer now (an open employment). */
  isEmployedBy(manager: EntityManager, officerId: string, agencyId: string): Promise<boolean> {
    return hasOpenEmployment(manager, officerId, agencyId);
  }

  /** An open employment; the partial unique index `employment_one_open_per_agency` refuses a twin. */
  recordHire(manager: EntityManager, hire: NewEmployment): Promise<Employment> {
    return insertEmployment(manager, hire);
  }

  /** The agency's own employment, locked until the caller's transaction ends; null for another agency's. */
  lockAgencyEmployment(manager: EntityManager, employmentId: string, agencyId: string): Promise<Employment | null> {
    return lockAgencyEmployment(manager, employmentId, agencyId);
  }

  /** Ends the employment; the caller has locked it and checked the separation rules. */
  recordSeparation(manager: EntityManager, employmentId: string, separation: Separation): Promise<void> {
    return updateSeparation(manager, employmentId, separation);
  }
}
