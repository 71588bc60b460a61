import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyFinding, MisconductCategory } from '../domain';

/** One report; its content is in `MisconductReportVersionEntity`, one row per version. */
@Entity('misconduct_report')
export class MisconductReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  agencyId: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'int' })
  currentVersion: number;
  /** When the agency received the complaint: the c. 6E §8(b) clock starts here. */
  @Column({ type: 'date' })
  receivedOn: string;
  @Column({ type: 'date' })
  filedOn: string;
  @Column({ type: 'date' })
  dueOn: string;
  @Column()
  late: boolean;
  @Column()
  createdBy: string;
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

/** Append-only: an amendment adds a version, the earlier ones stay (DOMAIN.md). */
@Entity('misconduct_report_version')
export class MisconductReportVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  reportId: string;
  @PrimaryColumn({ type: 'int' })
  version: number;
  @Column({ type: 'date' })
  incidentDate: string;
  @Column({ type: 'text', array: true })
  categories: MisconductCategory[];
  @Column()
  summary: string;
  @Column({ type: 'text' })
  agencyFinding: AgencyFinding;
  @Column({ type: 'text', nullable: true })
  discipline: string | null;
  @Column({ type: 'text', nullable: true })
  amendmentReason: string | null;
  @Column()
  recordedBy: string;
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
