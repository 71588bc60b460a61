import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of `audit_log`; rows are written by AuditService with raw SQL inside the caller's transaction. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;
  @Column({ type: 'timestamptz' })
  at: Date;
  @Column()
  actorKind: string;
  @Column({ type: 'text', nullable: true })
  actorId: string | null;
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;
  @Column()
  action: string;
  @Column()
  entityType: string;
  @Column({ type: 'text', nullable: true })
  entityId: string | null;
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
  @Column()
  prevHash: string;
  @Column()
  hash: string;
}
