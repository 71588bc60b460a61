import { Body, Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AllowedBeforeMfaEnrolment, AnyAuthenticated, AuthService, CurrentActor, Public, Roles, SecondFactorService } from '@app/auth';
import type { Actor } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { IdParamDto } from '../common/uuid-param.dto';
import { loginThrottle } from '../http/throttling';
import { ApiProblems } from '../openapi/api-problems';
import { AccessTokenResponse } from './dto/login.dto';
import { ConfirmTotpDto, LoginSecondFactorDto, MfaResetResponse, RecoveryCodesResponse, TotpEnrolmentResponse } from './dto/second-factor.dto';

/** API.md "Accounts: second factor": TOTP enrolment, the login's second step, an administrator's reset. */
@ApiTags('auth')
@Controller()
export class SecondFactorController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /**
   * The second step of a sign-in: the `challengeToken` of `POST /auth/login` and a TOTP code or an
   * unused recovery code. A wrong code counts toward the account's lockout as a wrong password
   * does (`401 AUTH.MFA_CODE_INVALID`); an unknown, used or expired challenge is
   * `401 AUTH.MFA_CHALLENGE_INVALID` (sign in again).
   */
  @Public()
  @Throttle(loginThrottle)
  @ApiOperation({ summary: 'Log in: second factor', operationId: 'loginSecondFactor' })
  @ApiProblems(401)
  @Post('auth/login/mfa')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  loginSecondFactor(@Body() body: LoginSecondFactorDto, @Req() request: FastifyRequest): Promise<AccessTokenResponse> {
    return this.auth.loginWithSecondFactor(body.challengeToken, body.code, request.id);
  }

  /**
   * Starts (or restarts) TOTP enrolment: a new secret, as text and as an `otpauth://` URI for a QR
   * code. Nothing changes at sign-in until `POST /me/mfa/totp/confirm`. `409 AUTH.MFA_ALREADY_ENROLLED`
   * when a factor is confirmed already.
   */
  @AnyAuthenticated()
  @AllowedBeforeMfaEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start TOTP enrolment', operationId: 'startTotpEnrolment' })
  @ApiProblems(403, 409)
  @Post('me/mfa/totp')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  startTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolmentResponse> {
    return this.secondFactor.startEnrolment(actor);
  }

  /**
   * Confirms enrolment with a first code of the new secret; answers the ten recovery codes, shown
   * this once (only their hashes are kept). From now on every sign-in asks for a code; a limited
   * token's holder signs in again. `422 AUTH.MFA_CONFIRMATION_FAILED` for a code that does not match.
   */
  @AnyAuthenticated()
  @AllowedBeforeMfaEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Confirm TOTP enrolment', operationId: 'confirmTotpEnrolment' })
  @ApiProblems(403, 409, 422)
  @Post('me/mfa/totp/confirm')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  confirmTotp(@CurrentActor() actor: Actor, @Body() body: ConfirmTotpDto): Promise<RecoveryCodesResponse> {
    return this.secondFactor.confirmEnrolment(actor, body.code);
  }

  /**
   * Clears a user's lost second factor and recovery codes (commission_admin); every token the user
   * holds stops working, and a user whose roles require a factor enrols again at the next sign-in.
   */
  @Roles('commission_admin')
  @ApiOperation({ summary: "Reset a user's second factor", operationId: 'resetUserMfa' })
  @Post('users/:id/mfa/reset')
  @HttpCode(200)
  async reset(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<MfaResetResponse> {
    return { id, mfa: await this.secondFactor.reset(actor, id) };
  }
}
