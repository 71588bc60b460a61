import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportFormat, ImportKind } from '../domain/import-kinds';

/**
 * An import's own record (API.md "Imports"): its counts advance in the transaction that
 * processes each chunk, so after a restart `processed` says exactly where to resume.
 * `receiving` while the file streams in (never visible: that transaction commits it as `queued`).
 */
@Entity('data_import')
export class DataImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'text' })
  kind: ImportKind;
  @Column({ type: 'boolean' })
  dryRun: boolean;
  @Column({ type: 'text' })
  format: ImportFormat;
  @Column({ type: 'text' })
  status: 'receiving' | 'queued' | 'running' | 'succeeded' | 'failed';
  @Column({ type: 'int' })
  total: number;
  @Column({ type: 'int' })
  processed: number;
  @Column({ type: 'int' })
  accepted: number;
  @Column({ type: 'int' })
  unchanged: number;
  @Column({ type: 'int' })
  rejected: number;
  @Column({ type: 'int' })
  flagged: number;
  @Column({ type: 'text', nullable: true })
  failure: string | null;
  @Column({ type: 'text' })
  actorKind: 'user' | 'api_key';
  @Column({ type: 'text', nullable: true })
  actorId: string | null;
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;
  @Column({ type: 'timestamptz' })
  createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
