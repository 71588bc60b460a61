import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { OrganizationsModule } from '@app/organizations';
import { createSecretKey } from 'node:crypto';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [
    OrganizationsModule,
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
  providers: [AuthService, JwtStrategy, ApiKeyStrategy, AuthenticationGuard, RolesGuard],
  exports: [AuthService, AuthenticationGuard, RolesGuard],
})
export class AuthModule {}
