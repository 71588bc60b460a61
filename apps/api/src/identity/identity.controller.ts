import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AllowedBeforeMfaEnrolment, AnyAuthenticated, AuthService, CurrentActor, Public, SecondFactorService } from '@app/auth';
import type { Actor } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { loginThrottle } from '../http/throttling';
import { AccessTokenResponse, ChangePasswordDto, LoginDto, MeResponse } from './dto/login.dto';
import { MfaChallengeResponse } from './dto/second-factor.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('auth')
@Controller()
export class IdentityController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /**
   * Email + password → JWT. Five failures within 15 minutes lock the account. A user with a second
   * factor gets `{mfaRequired: true, challengeToken, expiresIn}` instead: the code goes to
   * `POST /auth/login/mfa`. A user whose roles require a factor and who has none yet gets a token
   * with `mfaEnrolmentRequired: true`, good for `GET /me` and enrolment only.
   */
  @Public()
  @Throttle(loginThrottle)
  @ApiOperation({ summary: 'Log in', operationId: 'login' })
  @ApiExtraModels(AccessTokenResponse, MfaChallengeResponse)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AccessTokenResponse) }, { $ref: getSchemaPath(MfaChallengeResponse) }] } })
  @ApiProblems(401)
  @Post('auth/login')
  // A token response is never cached (RFC 6749 §5.1); the request itself carries no credentials to mark it so.
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenResponse | MfaChallengeResponse> {
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

  /** Who the credentials belong to, and whether a second factor is enrolled and required (`false` for API keys). */
  @AnyAuthenticated()
  @AllowedBeforeMfaEnrolment()
  @ApiOperation({ summary: 'Describe the caller', operationId: 'getMe' })
  @Get('me')
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const mfa = await this.secondFactor.status(actor);
    return { kind: actor.kind, id: actor.id, organizationId: actor.organizationId, organizationType: actor.organizationType, roles: actor.roles, mfa };
  }
}
