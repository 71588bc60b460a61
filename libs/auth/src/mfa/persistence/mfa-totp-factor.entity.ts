import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP factor: pending until confirmed with a first code. */
@Entity('mfa_totp_factor')
export class MfaTotpFactorEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;
  /** AES-GCM ciphertext (SecondFactorKeys.seal); the secret itself is never stored or logged. */
  @Column({ type: 'text' })
  secretCiphertext: string;
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
  /** The last RFC 6238 time step a code was accepted in: codes of it and earlier steps are refused. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) },
  })
  lastUsedStep: number | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
