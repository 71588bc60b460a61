import { dateInTimeZone, IsoDate } from './dates';

/**
 * Injected wherever time matters, so tests can pin it. Calendar dates ("today": expiry,
 * deadlines, effective dates) are the registry's own, in its IANA time zone (POST_TIME_ZONE):
 * in Massachusetts a certification's last valid day lasts until midnight, not until 7 p.m.,
 * when the UTC date turns.
 */
export abstract class Clock {
  /** The UTC minute of the last `today()` and its date (see `today`). */
  private lastMinute = Number.NaN;
  private lastToday: IsoDate = '';

  constructor(readonly timeZone: string = 'UTC') {}

  abstract now(): Date;

  /**
   * Every hiring check and public page asks; formatting the date in a zone cost ~9 µs a call
   * under load (3 % of a public page's CPU in a profile). Every zone's offset is a whole number
   * of minutes (tzdb since 1972), so local midnight falls on a UTC minute and the date cannot
   * change within one: it is computed once a minute.
   */
  today(): IsoDate {
    const instant = this.now();
    const minute = Math.floor(instant.getTime() / 60_000);
    if (minute !== this.lastMinute) {
      this.lastToday = dateInTimeZone(instant, this.timeZone);
      this.lastMinute = minute;
    }
    return this.lastToday;
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
