import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { ApiKeysService, OrganizationMembersService, OrganizationsService, UsersService } from '@app/organizations';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { IdParamDto } from '../common/uuid-param.dto';
import { CreateOrganizationDto, ListOrganizationsQueryDto, OrganizationPage, OrganizationResponse, toOrganizationResponse } from './dto/organization.dto';
import {
  ApiKeyPage,
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
  CreateUserDto,
  ListMembersQueryDto,
  toApiKeyListItem,
  toApiKeyResponse,
  toUserResponse,
  UserPage,
  UserResponse,
} from './dto/user.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly members: OrganizationMembersService,
  ) {}

  /** An agency or an academy (the commission exists from the start); `409 ORGANIZATION.CODE_TAKEN` when the code exists. */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'Create an organization', operationId: 'createOrganization' })
  @ApiProblems(409)
  @Post('organizations')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationDto): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.create(actor, body));
  }

  /** Every organization, optionally of one `type`, ordered by code. */
  @AnyAuthenticated()
  @ApiOperation({ summary: 'List organizations', operationId: 'listOrganizations' })
  @Get('organizations')
  async list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPage> {
    const page = await this.organizations.list({ type: query.type, limit: query.limit, afterCode: query.cursor });
    return { items: page.items.map(toOrganizationResponse), nextCursor: page.nextCursor };
  }

  /** commission_admin for any organization; agency_admin for its own. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Create a user', operationId: 'createUser' })
  @ApiProblems(409, 422)
  @Post('organizations/:id/users')
  async createUser(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(actor, id, body));
  }

  /** The organization's users, oldest first (commission_admin; the organization's own admin; elsewhere a 404). No password hashes. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: "List an organization's users", operationId: 'listOrganizationUsers' })
  @ApiProblems(404)
  @Get('organizations/:id/users')
  async listUsers(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() query: ListMembersQueryDto): Promise<UserPage> {
    const page = await this.members.users(actor, id, query);
    return { items: page.items.map((user) => toUserResponse(user)), nextCursor: page.nextCursor };
  }

  /** The organization's API keys, revoked ones included, oldest first; never a secret or its hash. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: "List an organization's API keys", operationId: 'listOrganizationApiKeys' })
  @ApiProblems(404)
  @Get('organizations/:id/api-keys')
  async listApiKeys(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() query: ListMembersQueryDto): Promise<ApiKeyPage> {
    const page = await this.members.apiKeys(actor, id, query);
    return { items: page.items.map(toApiKeyListItem), nextCursor: page.nextCursor };
  }

  /** A key for one of the organization's machine clients, with roles its type allows; the secret `key` is in this answer only. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Create an API key', operationId: 'createApiKey' })
  @ApiProblems(422)
  @Post('organizations/:id/api-keys')
  @ApiIdempotencyKey()
  async createApiKey(
    @CurrentActor() actor: Actor,
    @Param() { id }: IdParamDto,
    @Body() body: CreateApiKeyDto,
    @IdempotencyKeyHeader() idempotencyKey?: string,
  ): Promise<CreatedApiKeyResponse> {
    const { entity, key } = await this.apiKeys.create(actor, id, { name: body.name, roles: body.roles }, idempotencyKey);
    return { id: entity.id, name: entity.name, key, roles: entity.roles };
  }

  /** Lifts a login lockout before LOGIN_LOCK_MINUTES have passed. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Unlock a user', operationId: 'unlockUser' })
  @Post('users/:id/unlock')
  @HttpCode(200)
  async unlock(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<UserResponse> {
    return toUserResponse(await this.users.unlock(actor, id));
  }

  /** A disabled user is refused on its next request. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Disable a user', operationId: 'disableUser' })
  @Post('users/:id/disable')
  @HttpCode(200)
  async disable(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<UserResponse> {
    return toUserResponse(await this.users.disable(actor, id));
  }

  /** A revoked key is refused on its next request. */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Revoke an API key', operationId: 'revokeApiKey' })
  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  async revokeApiKey(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ApiKeyResponse> {
    return toApiKeyResponse(await this.apiKeys.revoke(actor, id));
  }
}
