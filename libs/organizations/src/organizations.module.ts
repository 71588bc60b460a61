import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysService } from './api-keys.service';
import { BootstrapService } from './bootstrap.service';
import { OrganizationMembersService } from './organization-members.service';
import { OrganizationsService } from './organizations.service';
import { ApiKeyEntity } from './persistence/api-key.entity';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserEntity } from './persistence/user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity, UserEntity, ApiKeyEntity])],
  providers: [OrganizationsService, UsersService, ApiKeysService, BootstrapService, OrganizationMembersService],
  exports: [OrganizationsService, UsersService, ApiKeysService, BootstrapService, OrganizationMembersService],
})
export class OrganizationsModule {}
