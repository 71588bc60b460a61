export * from './organizations.module';
export * from './organizations.service';
export * from './users.service';
export * from './api-keys.service';
export * from './bootstrap.service';
export * from './domain/password-policy';
export { OrganizationEntity } from './persistence/organization.entity';
export { UserEntity } from './persistence/user.entity';
export { ApiKeyEntity } from './persistence/api-key.entity';
