import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError } from '@app/core';
import { DataSource, EntityManager } from 'typeorm';
import { OfficerEntity } from './persistence/officer.entity';

export const officerNotFound = (postId: string) => new NotFoundError('OFFICER.NOT_FOUND', `No officer with POST ID ${postId}.`);

@Injectable()
export class OfficersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The officer with this POST ID, or OFFICER.NOT_FOUND (404). Pass the transaction's manager inside one. */
  async requireByPostId(postId: string, manager: EntityManager = this.dataSource.manager): Promise<OfficerEntity> {
    const officer = await manager.findOneBy(OfficerEntity, { postId });
    if (!officer) throw officerNotFound(postId);
    return officer;
  }
}
