import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StandardOfProof } from '../domain';

/** Reference data seeded by migrations/1764000000200-Discipline.ts (DOMAIN.md "Grounds"). */
@Entity('ground')
export class GroundEntity {
  @PrimaryColumn()
  code: string;
  /** Statute section, e.g. `c. 6E §10(a)(i)`. */
  @Column()
  citation: string;
  @Column()
  mandatory: boolean;
  @Column({ type: 'text' })
  standardOfProof: StandardOfProof;
  /** What the public record shows instead of the ground itself (c. 6E §13). */
  @Column()
  category: string;
  @Column()
  description: string;
}
