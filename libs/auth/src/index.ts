export * from './auth.module';
export * from './auth.service';
export * from './authentication.guard';
export * from './roles.guard';
export * from './decorators';
export * from './domain/auth.errors';
export * from './domain/login-lockout';
