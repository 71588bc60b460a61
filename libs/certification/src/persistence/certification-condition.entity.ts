import type { ConditionBasis, ConditionStatus } from '../domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A condition a certification was granted with (555 CMR 7.04, 9.10; migration
 * CertificationConditions). `open` until satisfied with evidence or superseded by a later
 * grant; a closed condition never changes again (trigger). Overdue is read, not stored:
 * open with `dueOn` passed.
 */
@Entity('certification_condition')
export class CertificationConditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  basis: ConditionBasis;
  @Column({ type: 'text' })
  description: string;
  @Column({ type: 'date' })
  imposedOn: string;
  @Column({ type: 'date' })
  dueOn: string;
  @Column({ type: 'text' })
  imposedBy: string;
  @Column({ type: 'timestamptz' })
  createdAt: Date;
  @Column({ type: 'text' })
  status: ConditionStatus;
  @Column({ type: 'date', nullable: true })
  satisfiedOn: string | null;
  @Column({ type: 'text', nullable: true })
  satisfiedBy: string | null;
  /** What the adjudicator accepted as proof; shown to the commission only. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
