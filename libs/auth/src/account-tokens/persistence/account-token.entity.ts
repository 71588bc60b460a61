import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountTokenPurpose } from '../domain/account-token';

/** A one-use link's secret, as its SHA-256 only (migrations/1765000000200-AccountTokens.ts). */
@Entity('account_token')
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  userId: string;
  @Column({ type: 'text' })
  purpose: AccountTokenPurpose;
  @Column({ type: 'bytea' })
  tokenHash: Buffer;
  @Column({ type: 'timestamptz' })
  createdAt: Date;
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
