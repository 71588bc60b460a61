import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Page } from '@app/core';
import { isUniqueViolation } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { CourseKind } from './domain/course';
import { courseCodeTaken } from './domain/training.errors';
import { CourseEntity } from './persistence/course.entity';

export interface CreateCourseCommand {
  code: string;
  title: string;
  kind: CourseKind;
  hours: number;
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, command: CreateCourseCommand): Promise<CourseEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const course = await manager.save(manager.create(CourseEntity, command));
        await this.audit.record(manager, actor, { action: 'course.create', entityType: 'course', entityId: course.id, details: { ...command } });
        return course;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'course_code_unique')) throw courseCodeTaken(command.code);
      throw error;
    }
  }

  /** Ordered by code; the cursor is the last code of the previous page (codes are unique and stable). */
  async list(query: { kind?: CourseKind; limit: number; afterCode?: string }): Promise<Page<CourseEntity>> {
    const qb = this.dataSource.getRepository(CourseEntity).createQueryBuilder('c').orderBy('c.code').take(query.limit + 1);
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    if (query.afterCode) qb.andWhere('c.code > :after', { after: query.afterCode });
    const rows = await qb.getMany();
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].code : null };
  }

  /** Course ids by code for the codes that exist; one query whatever the number of codes. */
  async idsByCode(manager: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const rows = (await manager.query(`SELECT id, code FROM course WHERE code = ANY($1::text[])`, [codes])) as { id: string; code: string }[];
    return new Map(rows.map((row) => [row.code, row.id]));
  }
}
