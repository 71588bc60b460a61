import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficersService } from './officers.service';
import { OfficerEntity } from './persistence/officer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OfficerEntity])],
  providers: [OfficersService],
  exports: [OfficersService],
})
export class OfficersModule {}
