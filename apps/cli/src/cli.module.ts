import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '@app/audit';
import { ClockModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { OrganizationsModule } from '@app/organizations';
import { PublicModule } from '@app/public';
import { AppConfig } from '@app/runtime';
import { CliIo, processIo } from './cli-io';
import { CommanderSetup } from './commander-setup';
import { CLI_COMMANDS } from './commands';
import { ImportCommand } from './commands/import.command';
import { UserByEmail } from './commands/user-by-email';
import { OperatorActor } from './operator-actor';

/**
 * The domain modules the commands call, on the service's configuration and database; none
 * of the API's HTTP stack, jobs or first-start bootstrap.
 */
@Module({})
export class CliModule {
  static register(config: AppConfig, io: CliIo = processIo): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        ClockModule.forRoot(config.timeZone),
        DatabaseModule.forRoot(config.database),
        // Discipline (through public) writes notices to officers, which ask whether mail is configured.
        MailModule.forRoot(config.mail),
        AuditModule,
        OrganizationsModule,
        PublicModule,
      ],
      providers: [{ provide: CliIo, useValue: io }, CommanderSetup, OperatorActor, UserByEmail, ...CLI_COMMANDS],
    };
  }
}

/** The commands that talk to a running service over HTTP (`import`): no configuration, no database. */
@Module({})
export class HttpCliModule {
  static register(io: CliIo = processIo): DynamicModule {
    return { module: HttpCliModule, providers: [{ provide: CliIo, useValue: io }, CommanderSetup, ImportCommand] };
  }
}
