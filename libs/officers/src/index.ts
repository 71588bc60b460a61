export * from './officers.module';
export * from './officers.service';
export { OfficerEntity } from './persistence/officer.entity';
