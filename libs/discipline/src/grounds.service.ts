import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { GroundEntity } from './persistence/ground.entity';

/** The grounds reference table (DOMAIN.md "Grounds"): mandatory first, then by code. */
@Injectable()
export class GroundsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<GroundEntity[]> {
    return this.dataSource.getRepository(GroundEntity).find({ order: { mandatory: 'DESC', code: 'ASC' } });
  }

  /** The rows for these codes (unknown codes are simply absent). */
  findByCodes(manager: EntityManager, codes: readonly string[]): Promise<GroundEntity[]> {
    return manager.find(GroundEntity, { where: { code: In([...codes]) } });
  }
}
