import type { CertificationStatus } from '../domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: triggers refuse UPDATE/DELETE/TRUNCATE and the app role lacks the grants. */
@Entity('certification_history')
export class CertificationHistoryEntity {
  /** bigserial: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  fromStatus: CertificationStatus;
  @Column({ type: 'text' })
  toStatus: CertificationStatus;
  @Column({ type: 'text' })
  reason: string;
  @Column({ type: 'text' })
  basis: string;
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;
  /** The user or API key id, or `system` for what the daily job and time did. */
  @Column({ type: 'text', nullable: true })
  actorId: string | null;
  @Column({ type: 'date' })
  effectiveOn: string;
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
  /** The import that recorded this change (basis `import`), else null. */
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;
}
