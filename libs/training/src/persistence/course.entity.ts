import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CourseKind } from '../domain/course';

/** numeric comes back from pg as text; hours are at most 2 decimals, exact in a double. */
const numericHours = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity('course')
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column()
  code: string;
  @Column()
  title: string;
  @Column({ type: 'text' })
  kind: CourseKind;
  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: numericHours })
  hours: number;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
