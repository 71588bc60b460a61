import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OfficerNameKind } from '../domain/officer-identity';

/**
 * Every name an officer is or was known by: one `current` row, a `middle` row (the middle
 * name as given name) when there is a middle name, and one `alias` row per prior name. `normalized*` come from `normalizeName` (same function for rows and
 * queries); `normalizedFull` is `first last` without middle name or suffix and carries
 * the GIN trigram index `officer_name_full_trgm`. `dateOfBirth` is copied from the officer
 * so that "same date of birth and a similar name" reads one index (`officer_name_dob_last`).
 */
@Entity('officer_name')
export class OfficerNameEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  kind: OfficerNameKind;
  @Column()
  firstName: string;
  @Column()
  lastName: string;
  @Column()
  normalizedFirst: string;
  @Column()
  normalizedLast: string;
  @Column()
  normalizedFull: string;
  /** Restricted (copy of officer.date_of_birth). */
  @Column({ type: 'date' })
  dateOfBirth: string;
}
