import { dateInTimeZone, IsoDate } from './dates';

/**
 * Injected wherever time matters, so tests can pin it. Calendar dates ("today": expiry,
 * deadlines, effective dates) are the registry's own, in its IANA time zone (POST_TIME_ZONE):
 * in Massachusetts a certification's last valid day lasts until midnight, not until 7 p.m.,
 * when the UTC date turns.
 */
export abstract class Clock {
  constructor(readonly timeZone: string = 'UTC') {}

  abstract now(): Date;

  today(): IsoDate {
    return dateInTimeZone(this.now(), this.timeZone);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(
    private current: Date,
    timeZone?: string,
  ) {
    super(timeZone);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
}
