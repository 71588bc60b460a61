import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SEPARATION_NATURES = ['resigned', 'retired', 'terminated', 'laid_off', 'deceased', 'other'] as const;
export type SeparationNature = (typeof SEPARATION_NATURES)[number];

/**
 * An officer's period at one agency (DOMAIN.md "Entities"). Open while `endDate` is null;
 * at most one open row per officer and agency (`employment_one_open_per_agency`). A
 * separation sets `endDate`, `separationNature` and `underInvestigation` together (CHECK
 * `employment_separation_complete`); `underInvestigation` follows the officer to every
 * later hiring check (555 CMR 12.03).
 */
@Entity('employment')
export class EmploymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'uuid' })
  agencyId: string;
  @Column()
  position: string;
  @Column({ type: 'date' })
  startDate: string;
  @Column({ type: 'date', nullable: true })
  endDate: string | null;
  @Column({ type: 'text', nullable: true })
  separationNature: SeparationNature | null;
  @Column({ type: 'text', nullable: true })
  separationReason: string | null;
  @Column({ type: 'boolean', nullable: true })
  underInvestigation: boolean | null;
  @Column({ type: 'text', nullable: true })
  separationNotes: string | null;
  /** The hiring check that cleared the hire (DOMAIN.md "Hiring checks"). */
  @Column({ type: 'uuid', nullable: true })
  hiringCheckId: string | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
