import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AnyAuthenticated, AuthService, CurrentActor, Public } from '@app/auth';
import type { Actor } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { loginThrottle } from '../http/throttling';
import { AccessTokenResponse, ChangePasswordDto, LoginDto, MeResponse } from './dto/login.dto';

@ApiTags('auth')
@Controller()
export class IdentityController {
  constructor(private readonly auth: AuthService) {}

  /** Email + password → JWT. Five failures within 15 minutes lock the account. */
  @Public()
  @Throttle(loginThrottle)
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenResponse> {
    return this.auth.login(body.email, body.password, request.id);
  }

  /** Changes the signed-in user's password: every token issued before stops working; the answer is a fresh token. */
  @AnyAuthenticated()
  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  /** Who the credentials belong to. */
  @AnyAuthenticated()
  @ApiBearerAuth()
  @ApiSecurity('apiKey')
  @Get('me')
  me(@CurrentActor() actor: Actor): MeResponse {
    return { kind: actor.kind, id: actor.id, organizationId: actor.organizationId, organizationType: actor.organizationType, roles: actor.roles };
  }
}
