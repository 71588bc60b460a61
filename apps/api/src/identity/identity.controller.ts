import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AnyAuthenticated, AuthService, CurrentActor, Public } from '@app/auth';
import type { Actor } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { loginThrottle } from '../http/throttling';
import { AccessTokenResponse, ChangePasswordDto, LoginDto, MeResponse } from './dto/login.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('auth')
@Controller()
export class IdentityController {
  constructor(private readonly auth: AuthService) {}

  /** Email + password → JWT. Five failures within 15 minutes lock the account. */
  @Public()
  @Throttle(loginThrottle)
  @ApiOperation({ summary: 'Log in', operationId: 'login' })
  @ApiProblems(401)
  @Post('auth/login')
  // A token response is never cached (RFC 6749 §5.1); the request itself carries no credentials to mark it so.
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenResponse> {
    return this.auth.login(body.email, body.password, request.id);
  }

  /** Changes the signed-in user's password: every token issued before stops working; the answer is a fresh token. */
  @AnyAuthenticated()
  // A user's own password: an API key is refused (403 AUTH.USER_ONLY), so only the bearer scheme.
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my password', operationId: 'changeMyPassword' })
  @ApiProblems(403, 422)
  @Post('me/password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  /** Who the credentials belong to. */
  @AnyAuthenticated()
  @ApiOperation({ summary: 'Describe the caller', operationId: 'getMe' })
  @Get('me')
  me(@CurrentActor() actor: Actor): MeResponse {
    return { kind: actor.kind, id: actor.id, organizationId: actor.organizationId, organizationType: actor.organizationType, roles: actor.roles };
  }
}
