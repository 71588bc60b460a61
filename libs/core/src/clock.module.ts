import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Global: tests replace the clock with `overrideProvider(Clock)`. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
