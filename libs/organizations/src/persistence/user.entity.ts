import { Role } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  organizationId: string;
  @Column()
  email: string;
  @Column()
  passwordHash: string;
  @Column({ type: 'text', array: true })
  roles: Role[];
  /** Failed logins of the last 15 minutes, oldest first (the lockout's sliding window). */
  @Column({ type: 'timestamptz', array: true, default: () => "'{}'" })
  recentFailedLogins: Date[];
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
  /** Raised by a password change: tokens issued under an earlier version are refused. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
