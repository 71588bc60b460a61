import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeChannel, NoticeKind, NoticeStatus } from '../domain/notice-rules';

/** One notice to an officer (migration 1765000000700): written with its submission, updated by the sending job. */
@Entity('notice')
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  kind: NoticeKind;
  @Column({ type: 'text' })
  subjectType: string;
  @Column({ type: 'uuid' })
  subjectId: string;
  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;
  @Column({ type: 'text', nullable: true })
  reference: string | null;
  @Column({ type: 'timestamptz' })
  createdAt: Date;
  @Column({ type: 'date' })
  dueBy: string;
  @Column({ type: 'text' })
  channel: NoticeChannel;
  @Column({ type: 'text' })
  status: NoticeStatus;
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
  @Column({ type: 'int' })
  attempts: number;
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;
  /** A code (`EENVELOPE`, `550`), never the server's text: it can quote the address. */
  @Column({ type: 'text', nullable: true })
  lastFailure: string | null;
}
