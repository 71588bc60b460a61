export * from './domain/mail.errors';
export * from './mail-settings';
export * from './mail-transport';
export * from './mail.module';
