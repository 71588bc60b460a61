import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One of a user's ten one-use recovery codes, as a keyed hash (SecondFactorKeys.recoveryCodeHash). */
@Entity('mfa_recovery_code')
export class MfaRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  userId: string;
  @Column({ type: 'bytea' })
  codeHash: Buffer;
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
