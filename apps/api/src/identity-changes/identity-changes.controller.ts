import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { OfficerMergeService } from '@app/merges';
import { IdentityChangesService } from '@app/officers';
import { PostIdParam } from '../common/post-id-param';
import { ApiProblems } from '../openapi/api-problems';
import { MergedOfficerResponse, MergeOfficerDto, toMergedOfficerResponse } from './dto/merge.dto';
import { AddAliasDto, ChangeNameDto, CorrectIdentityDto, OfficerIdentityChangeResponse, toOfficerIdentityChangeResponse } from './dto/identity-change.dto';

@ApiTags('officers')
@Controller('officers/:postId')
export class IdentityChangesController {
  constructor(
    private readonly identity: IdentityChangesService,
    private readonly merges: OfficerMergeService,
  ) {}

  /**
   * A new current name (marriage, divorce, court order, correction); the old one stays as a
   * `prior_name` alias, so every search keeps finding it. `effectiveOn` after today → `422`.
   */
  @Roles('commission_admin')
  @ApiOperation({ summary: "Change an officer's name", operationId: 'changeOfficerName' })
  @ApiProblems(404, 422)
  @Post('names')
  @HttpCode(200)
  async changeName(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: ChangeNameDto): Promise<OfficerIdentityChangeResponse> {
    return toOfficerIdentityChangeResponse(await this.identity.changeName(actor, postId, body));
  }

  /**
   * A nickname or prior name, matched like the current name. The commission administrator; an
   * agency's administrator for an officer it employs; the academy that enrolled the officer.
   * Anyone else: `404`. A name the officer already bears: `409`.
   */
  @Roles('commission_admin', 'agency_admin', 'academy_registrar')
  @ApiOperation({ summary: 'Add an alias to an officer', operationId: 'addOfficerAlias' })
  @ApiProblems(404, 409)
  @Post('aliases')
  async addAlias(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: AddAliasDto): Promise<OfficerIdentityChangeResponse> {
    return toOfficerIdentityChangeResponse(await this.identity.addAlias(actor, postId, body));
  }

  /**
   * Corrects the date of birth and/or SSN digits with a reason; the audit entry names the
   * correction, whose restricted before and after are kept apart. Nothing changed → `422`.
   */
  @Roles('commission_admin')
  @ApiOperation({ summary: "Correct an officer's date of birth or SSN digits", operationId: 'correctOfficerIdentity' })
  @ApiProblems(404, 422)
  @Patch('identity')
  async correctIdentity(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CorrectIdentityDto): Promise<OfficerIdentityChangeResponse> {
    return toOfficerIdentityChangeResponse(await this.identity.correctIdentity(actor, postId, body));
  }

  /**
   * One officer of two: the duplicate's training, employment, reports, cases, hiring checks,
   * notices, names and aliases become the survivor's; the worse certification survives; the
   * duplicate's POST ID answers with the survivor everywhere, with `mergedFrom`. A record into
   * itself, into a merged record, or different dates of birth without
   * `confirmDifferentBirthDates: true` → `422`; the duplicate merged already → `409`.
   */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'Merge a duplicate officer record into this one', operationId: 'mergeOfficer' })
  @ApiProblems(404, 409, 422)
  @Post('merge')
  @HttpCode(200)
  async merge(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: MergeOfficerDto): Promise<MergedOfficerResponse> {
    return toMergedOfficerResponse(await this.merges.merge(actor, postId, body));
  }
}
