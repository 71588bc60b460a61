import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Global: tests replace the clock with `overrideProvider(Clock)`. */
@Global()
@Module({})
export class ClockModule {
  /** `timeZone`: the IANA zone whose calendar gives "today" (POST_TIME_ZONE). */
  static forRoot(timeZone: string): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: new SystemClock(timeZone) }], exports: [Clock] };
  }
}
