import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Between a correct password and the code: one use, five minutes, shared by every API process. */
@Entity('mfa_challenge')
export class MfaChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  userId: string;
  /** SHA-256 of the token handed out; the token itself is never stored. */
  @Column({ type: 'bytea' })
  tokenHash: Buffer;
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
