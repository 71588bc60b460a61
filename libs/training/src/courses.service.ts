import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Page, uniqueKeyKeyset } from '@app/core';
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

/** By code: unique and stable, so the last code of a page is the cursor. */
const COURSES_KEYSET = uniqueKeyKeyset();

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
    const after = COURSES_KEYSET.after(query.afterCode);
    const qb = this.dataSource.getRepository(CourseEntity).createQueryBuilder('c').orderBy('c.code');
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    if (after !== undefined) qb.andWhere('c.code > :after', { after });
    return COURSES_KEYSET.page(
      query.limit,
      (limit) => qb.take(limit).getMany(),
      (last) => last.code,
    );
  }

  /** Course ids and hours by code for the codes that exist; one query whatever the number of codes. */
  async byCode(manager: EntityManager, codes: string[]): Promise<Map<string, CourseRef>> {
    const rows = await manager.query<{ id: string; code: string; hours: number }[]>(
      `SELECT id, code, hours::float8 AS hours FROM course WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, { id: row.id, hours: row.hours }]));
  }
}

/** What a completion needs of its course: the id to store, the hours it may not exceed. */
export interface CourseRef {
  id: string;
  hours: number;
}
