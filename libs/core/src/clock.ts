import { IsoDate, toIsoDate } from './dates';

/** Injected wherever time matters, so tests can pin it. */
export abstract class Clock {
  abstract now(): Date;
  today(): IsoDate {
    return toIsoDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
}
