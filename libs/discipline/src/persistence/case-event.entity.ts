import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStatus } from '../domain';

/** A certification change an action made, as the certification module reported it. */
export interface CertificationChange {
  type: string;
  from: string;
  to: string;
}

/** The append-only timeline (trigger + REVOKE in the migration); `version` is the case version it produced. */
@Entity('case_event')
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ type: 'uuid' })
  caseId: string;
  @Column({ type: 'int' })
  version: number;
  /** A case action, or `open` for the first row. */
  @Column()
  action: string;
  @Column({ type: 'text', nullable: true })
  fromStatus: CaseStatus | null;
  @Column({ type: 'text' })
  toStatus: CaseStatus;
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;
  @Column({ type: 'jsonb' })
  certificationChanges: CertificationChange[];
  @Column({ type: 'date' })
  occurredOn: string;
  @Column()
  actorKind: string;
  @Column()
  actorId: string;
  @Column({ type: 'uuid', nullable: true })
  actorOrganizationId: string | null;
  /** The role the action was taken in (`actingRole`); null on entries from before it was kept. */
  @Column({ type: 'text', nullable: true })
  actorRole: string | null;
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
