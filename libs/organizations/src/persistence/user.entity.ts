import { Role } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  /** Null for an officer's own account (migration 1766000000700): it belongs to no organization. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;
  /** The officer an officer's account is bound to (role `officer`); null for staff. */
  @Column({ type: 'uuid', nullable: true })
  officerId: string | null;
  @Column()
  email: string;
  /** Null until an invited officer's account is activated (POST /auth/activate). */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;
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
