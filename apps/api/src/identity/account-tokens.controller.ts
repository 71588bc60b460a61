import { Body, Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AccountTokensService, CurrentActor, Public, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { IdParamDto } from '../common/uuid-param.dto';
import { loginThrottle } from '../http/throttling';
import { ApiProblems } from '../openapi/api-problems';
import { ActivateAccountDto, PasswordResetDto, PasswordResetIssuedResponse } from './dto/account-tokens.dto';

/** API.md "Accounts": one-use links that set a password (an administrator's reset, an invitation). */
@ApiTags('auth')
@Controller()
export class AccountTokensController {
  constructor(private readonly accountTokens: AccountTokensService) {}

  /**
   * A one-use link (one hour) that lets the user choose a new password; earlier links stop
   * working. Mailed to the user when the service has mail (SMTP_URL); otherwise returned once as
   * `resetUrl`. commission_admin for any user; an agency's admin for its own users.
   */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: "Start a user's password reset", operationId: 'startPasswordReset' })
  @ApiProblems(404, 422)
  @Post('users/:id/password-reset')
  // The answer may hold the link, a secret shown once.
  @Header('Cache-Control', 'no-store')
  async startPasswordReset(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<PasswordResetIssuedResponse> {
    const issued = await this.accountTokens.issuePasswordReset(actor, id);
    return issued.url ? { expiresAt: issued.expiresAt, resetUrl: issued.url } : { expiresAt: issued.expiresAt };
  }

  /**
   * Sets a new password with a reset link's token (once, within its hour): every token issued
   * before stops working and a lockout is lifted. An unknown, expired or used token:
   * `400 ACCOUNT_TOKEN.INVALID`. Rate-limited as the login is.
   */
  @Public()
  @Throttle(loginThrottle)
  @ApiOperation({ summary: 'Reset a password with a reset link', operationId: 'resetPassword' })
  @Post('auth/password-reset')
  @HttpCode(204)
  async resetPassword(@Body() body: PasswordResetDto, @Req() request: FastifyRequest): Promise<void> {
    await this.accountTokens.resetPassword(body.token, body.newPassword, request.id);
  }

  /**
   * Sets the first password of an invited account with the invitation's token (once, before it
   * expires). An unknown, expired or used token: `400 ACCOUNT_TOKEN.INVALID`. Rate-limited as
   * the login is.
   */
  @Public()
  @Throttle(loginThrottle)
  @ApiOperation({ summary: 'Activate an invited account', operationId: 'activateAccount' })
  @Post('auth/activate')
  @HttpCode(204)
  async activate(@Body() body: ActivateAccountDto, @Req() request: FastifyRequest): Promise<void> {
    await this.accountTokens.activate(body.token, body.password, request.id);
  }
}
