import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseState, CaseStatus } from '../domain';

/** The part of CaseState kept in the `state` column; status and version are columns of their own. */
export type StoredCaseState = Omit<CaseState, 'status' | 'version'>;

@Entity('commission_case')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  /** `2026-000123`: the number people quote. */
  @Column()
  caseNumber: string;
  @Column({ type: 'uuid' })
  officerId: string;
  @Column({ type: 'text' })
  status: CaseStatus;
  @Column({ type: 'int' })
  version: number;
  @Column()
  summary: string;
  @Column({ type: 'jsonb' })
  state: StoredCaseState;
  @Column()
  openedBy: string;
  @Column({ type: 'timestamptz' })
  openedAt: Date;
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

export function caseStateOf(entity: CaseEntity): CaseState {
  return { ...entity.state, status: entity.status, version: entity.version };
}

export function storedStateOf(state: CaseState): StoredCaseState {
  const { status: _status, version: _version, ...stored } = state;
  return stored;
}
