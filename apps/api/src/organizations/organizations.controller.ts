import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { ApiKeysService, OrganizationsService, UsersService } from '@app/organizations';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { IdParamDto } from '../common/uuid-param.dto';
import { CreateOrganizationDto, ListOrganizationsQueryDto, OrganizationPage, OrganizationResponse, toOrganizationResponse } from './dto/organization.dto';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, CreateUserDto, toApiKeyResponse, toUserResponse, UserResponse } from './dto/user.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Roles('commission_admin')
  @Post('organizations')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationDto): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.create(actor, body));
  }

  @AnyAuthenticated()
  @Get('organizations')
  async list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPage> {
    const page = await this.organizations.list({ type: query.type, limit: query.limit, afterCode: query.cursor });
    return { items: page.items.map(toOrganizationResponse), nextCursor: page.nextCursor };
  }

  /** commission_admin for any organization; agency_admin for its own. */
  @Roles('commission_admin', 'agency_admin')
  @Post('organizations/:id/users')
  async createUser(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(actor, id, body));
  }

  @Roles('commission_admin', 'agency_admin')
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
  @Post('users/:id/unlock')
  @HttpCode(200)
  async unlock(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<UserResponse> {
    return toUserResponse(await this.users.unlock(actor, id));
  }

  /** A disabled user is refused on its next request. */
  @Roles('commission_admin', 'agency_admin')
  @Post('users/:id/disable')
  @HttpCode(200)
  async disable(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<UserResponse> {
    return toUserResponse(await this.users.disable(actor, id));
  }

  /** A revoked key is refused on its next request. */
  @Roles('commission_admin', 'agency_admin')
  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  async revokeApiKey(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ApiKeyResponse> {
    return toApiKeyResponse(await this.apiKeys.revoke(actor, id));
  }
}
