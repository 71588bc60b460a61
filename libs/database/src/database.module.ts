import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, DatabaseSettings } from './database-settings';

/** The application's pool: restricted role, bounded statements; entities come from each context's forFeature. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseSettings): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(settings),
          autoLoadEntities: true,
          // Fail fast at start-up instead of retrying for minutes; the process manager restarts us.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
