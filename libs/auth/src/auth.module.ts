import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@app/organizations';
import { createSecretKey } from 'node:crypto';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { MfaEnrolmentGuard } from './mfa/mfa-enrolment.guard';
import { MfaChallengeEntity } from './mfa/persistence/mfa-challenge.entity';
import { MfaRecoveryCodeEntity } from './mfa/persistence/mfa-recovery-code.entity';
import { MfaTotpFactorEntity } from './mfa/persistence/mfa-totp-factor.entity';
import { SecondFactorService } from './mfa/second-factor.service';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [
    OrganizationsModule,
    TypeOrmModule.forFeature([MfaTotpFactorEntity, MfaRecoveryCodeEntity, MfaChallengeEntity]),
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        secret: createSecretKey(Buffer.from(config.get<string>('jwt.secret')!)) as unknown as string,
        signOptions: { algorithm: 'HS256', issuer: 'post-registry' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'post-registry' },
      }),
    }),
  ],
  providers: [AuthService, SecondFactorService, JwtStrategy, ApiKeyStrategy, AuthenticationGuard, MfaEnrolmentGuard, RolesGuard],
  exports: [AuthService, SecondFactorService, AuthenticationGuard, MfaEnrolmentGuard, RolesGuard],
})
export class AuthModule {}
