import { Injectable } from '@nestjs/common';

/**
 * Tells this process's delivery loop (WebhookDeliveryJob, where jobs run) that an attempt is due
 * now (a test event, a manual retry), so it claims it at once instead of at its next second. In a
 * process without the loop (JOBS_WORKER=off) nobody listens, and the worker's loop finds the
 * attempt within a second.
 */
@Injectable()
export class WebhookWake {
  private listener?: () => void;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  signal(): void {
    this.listener?.();
  }
}
