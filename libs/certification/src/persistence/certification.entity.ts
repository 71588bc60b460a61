import type { AdminSuspensionReason, CertificationStatus } from '../domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per officer: the certification's current state (migration RegistryCore). */
@Entity('certification')
export class CertificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  status: CertificationStatus;
  @Column({ type: 'date', nullable: true })
  issuedOn: string | null;
  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;
  /** Set by the first certification and never cleared (public: "first certified", c. 6E §13). */
  @Column({ type: 'date', nullable: true })
  firstCertifiedOn: string | null;
  @Column({ type: 'text', nullable: true })
  adminSuspensionReason: AdminSuspensionReason | null;
  @Column({ type: 'text', nullable: true })
  statusBeforeSuspension: CertificationStatus | null;
  @Column({ type: 'uuid', nullable: true })
  suspensionCaseId: string | null;
  @Column({ type: 'date', nullable: true })
  suspensionEndsOn: string | null;
  @Column({ type: 'text', nullable: true })
  statusBeforeRevocation: CertificationStatus | null;
  @Column({ type: 'uuid', nullable: true })
  revocationCaseId: string | null;
  @Column({ type: 'integer' })
  version: number;
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
