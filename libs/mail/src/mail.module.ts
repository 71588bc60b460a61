import { DynamicModule, Global, Module } from '@nestjs/common';
import { MAIL_SETTINGS, MailSettings } from './mail-settings';
import { MailTransport } from './mail-transport';

/** One transport for the process (password resets, invitations, notices). */
@Global()
@Module({})
export class MailModule {
  static forRoot(settings: MailSettings): DynamicModule {
    return {
      module: MailModule,
      providers: [{ provide: MAIL_SETTINGS, useValue: settings }, MailTransport],
      exports: [MailTransport],
    };
  }
}
