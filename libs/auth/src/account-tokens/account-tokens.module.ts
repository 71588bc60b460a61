import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@app/organizations';
import { AccountTokensService } from './account-tokens.service';
import { AccountTokenEntity } from './persistence/account-token.entity';

/** Password-reset links and invitations (MailTransport comes from the global MailModule). */
@Module({
  imports: [OrganizationsModule, TypeOrmModule.forFeature([AccountTokenEntity])],
  providers: [AccountTokensService],
  exports: [AccountTokensService],
})
export class AccountTokensModule {}
