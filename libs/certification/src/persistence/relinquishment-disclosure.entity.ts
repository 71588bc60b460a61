import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Restricted (DOMAIN.md "What is public"): a relinquishment application's disclosures.
 * Append-only; never returned by the API, logged or audited.
 */
@Entity('relinquishment_disclosure')
export class RelinquishmentDisclosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  disclosures: string;
  @Column({ type: 'text', nullable: true })
  recordedBy: string | null;
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
