import type { OrganizationType } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
  @Column({ type: 'text' })
  type: OrganizationType;
  @Column()
  name: string;
  @Column()
  code: string;
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
