import { Role } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'uuid' })
  organizationId: string;
  @Column()
  name: string;
  /** Public, indexed part of the key used to find the row; the secret part is only hashed. */
  @Column()
  prefix: string;
  @Column({ type: 'bytea' })
  keyHash: Buffer;
  @Column({ type: 'text', array: true })
  roles: Role[];
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
