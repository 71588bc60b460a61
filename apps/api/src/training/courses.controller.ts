import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { CoursesService } from '@app/training';
import { CoursePage, CourseResponse, CreateCourseDto, ListCoursesQueryDto, toCourseResponse } from './dto/course.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('training')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  /** A course the commission recognises; `409 COURSE.CODE_TAKEN` when the code exists. */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'Create a course', operationId: 'createCourse' })
  @ApiProblems(409)
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCourseDto): Promise<CourseResponse> {
    return toCourseResponse(await this.courses.create(actor, body));
  }

  /** Ordered by code; `nextCursor` is the last code of the page. */
  @AnyAuthenticated()
  @ApiOperation({ summary: 'List courses', operationId: 'listCourses' })
  @Get()
  async list(@Query() query: ListCoursesQueryDto): Promise<CoursePage> {
    const page = await this.courses.list({ kind: query.kind, limit: query.limit, afterCode: query.cursor });
    return { items: page.items.map(toCourseResponse), nextCursor: page.nextCursor };
  }
}
