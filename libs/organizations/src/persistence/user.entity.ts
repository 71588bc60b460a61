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
  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;
  @Column({ type: 'timestamptz', nullable: true })
  firstFailedLoginAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
