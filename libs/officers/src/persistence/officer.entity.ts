import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('officer')
export class OfficerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  /** Registry-assigned, lifelong: `<JURISDICTION>-<6 digits>`. */
  @Column()
  postId: string;
  @Column()
  firstName: string;
  @Column({ type: 'text', nullable: true })
  middleName: string | null;
  @Column()
  lastName: string;
  @Column({ type: 'text', nullable: true })
  suffix: string | null;
  /** Restricted (DOMAIN.md "What is public"). */
  @Column({ type: 'date' })
  dateOfBirth: string;
  /** Restricted. */
  @Column({ type: 'text', nullable: true })
  ssnLast4: string | null;
  /** Restricted like the date of birth: where notices go (issue 19); never public, never logged. */
  @Column({ type: 'text', nullable: true })
  email: string | null;
  @Column({ type: 'uuid', nullable: true })
  createdByOrganizationId: string | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
