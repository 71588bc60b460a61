import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisputeOutcome, DisputeStatus, DisputeSubjectType } from '../domain/dispute';

/** An officer's dispute of a part of their record (migration 1766000000700); resolved once. */
@Entity('dispute')
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  subjectType: DisputeSubjectType;
  /** Null for the identity and the certification. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;
  @Column({ type: 'text' })
  statement: string;
  @Column({ type: 'text' })
  status: DisputeStatus;
  @Column({ type: 'uuid' })
  openedBy: string;
  @Column({ type: 'timestamptz' })
  openedAt: Date;
  @Column({ type: 'text', nullable: true })
  outcome: DisputeOutcome | null;
  @Column({ type: 'text', nullable: true })
  reason: string | null;
  @Column({ type: 'text', nullable: true })
  resolvedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
