export * from './domain-error';
export * from './roles';
export * from './actor';
export * from './dates';
export * from './clock';
export * from './pagination';
export * from './clock.module';
export * from './canonical-json';
