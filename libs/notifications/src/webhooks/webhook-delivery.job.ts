import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { loggableError } from '@app/database';
import { Jobs } from '@app/jobs';
import { DataSource } from 'typeorm';
import { ATTEMPT_LEASE_SECONDS } from './domain/retry-schedule';
import { messageBody, newMessageId } from './message-id';
import {
  ClaimedAttempt,
  claimDueAttempts,
  DeliveryEndpoint,
  deliveryEndpoints,
  insertMessages,
  lockWaitingEvents,
  markRelayed,
  routesOf,
  settleAttempts,
} from './persistence/delivery.store';
import { updateEndpointHealth } from './persistence/webhook.store';
import { DeliveryGroup, healthAfter, healthChanges, MadeAttempt } from './delivery-group';
import { WebhookWake } from './webhook-wake';
import { WebhooksConfig } from './webhooks-config';

/** Events relayed per transaction. */
const RELAY_BATCH = 200;
/** How often an idle relay looks for committed events: the floor of commit-to-delivery latency. */
const RELAY_INTERVAL_MS = 200;
/** How often due attempts (retries, a dead process's leases) are looked for. */
const DUE_INTERVAL_MS = 1_000;
/** Attempts this process holds (claimed, not yet settled); past it, it relays and claims no more until some settle. */
const MAX_HELD = 256;

/**
 * Webhook delivery (API.md "Monitoring: rosters and webhooks"), in every process that runs jobs
 * (JOBS_WORKER=inline, or apps/worker). One loop:
 *   - relays committed outbox events (locked with SKIP LOCKED, so processes share the work and no
 *     event is relayed twice): each event becomes one message per endpoint it is routed to, with a
 *     first attempt leased to this process, in one transaction that also marks the events relayed;
 *   - claims the attempts that are due: retries whose time has come, manual retries and test
 *     events, and attempts whose lease ran out because the process holding them died;
 *   - makes the attempts (DeliveryGroup) and settles them, each group in one transaction.
 * Nothing is sent from a request's transaction: requests only write the outbox (and test events
 * and retries their pending attempt).
 *
 * The attempt row is the durable job: it is claimed with SKIP LOCKED and a lease, survives a
 * restart, and is made by one process at a time. pg-boss is not used for it, because its worker
 * waits a whole polling interval between fetches (latency), and a pg-boss job per attempt would
 * keep the attempt's state twice.
 */
@Injectable()
export class WebhookDeliveryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryJob.name);
  private running?: Promise<void>;
  private stopping = false;
  private dueNow = false;
  private held = 0;
  private wakeUp?: () => void;
  private readonly groups = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: Jobs,
    private readonly config: WebhooksConfig,
    private readonly wake: WebhookWake,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.runsHandlers) return;
    this.wake.listen(() => {
      this.dueNow = true;
      this.wakeUp?.();
    });
    this.running = this.loop();
  }

  /** Stops claiming, and lets the attempts in flight finish and settle (at most the 10-s answer time). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    await Promise.allSettled([...this.groups]);
  }

  private async loop(): Promise<void> {
    let nextDueCheck = 0;
    while (!this.stopping) {
      let more = false;
      try {
        if (this.held < MAX_HELD) more = (await this.relay()) === RELAY_BATCH;
        if ((this.dueNow || Date.now() >= nextDueCheck) && this.held < MAX_HELD && !this.stopping) {
          this.dueNow = false;
          nextDueCheck = Date.now() + DUE_INTERVAL_MS;
          const room = MAX_HELD - this.held;
          const claimed = await claimDueAttempts(this.dataSource.manager, room, ATTEMPT_LEASE_SECONDS);
          this.deliver(claimed);
          if (claimed.length === room) this.dueNow = true;
        }
      } catch (error) {
        this.logger.warn({ err: loggableError(error) }, 'webhook relay or claim failed; trying again');
        await this.pause(1_000);
        continue;
      }
      if (!more || this.held >= MAX_HELD) await this.pause(RELAY_INTERVAL_MS);
    }
  }

  /** Returns how many events it relayed. */
  private async relay(): Promise<number> {
    // Most ticks find nothing: one indexed read instead of a transaction.
    const [waiting] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM outbox_event WHERE dispatched_at IS NULL LIMIT 1`);
    if (!waiting) return 0;
    const { count, attempts } = await this.dataSource.transaction(async (manager) => {
      const events = await lockWaitingEvents(manager, RELAY_BATCH);
      if (events.length === 0) return { count: 0, attempts: [] };
      const ids = events.map((event) => event.id);
      const routes = await routesOf(manager, ids, this.clock.timeZone);
      const bodies = new Map(events.map((event) => [event.id, { type: event.type, body: messageBody(event.type, event.occurred_at, event.data) }]));
      const messages = routes.map((route) => ({ id: newMessageId(), endpointId: route.endpoint_id, eventId: route.event_id, ...bodies.get(route.event_id)! }));
      const inserted = await insertMessages(manager, messages, ATTEMPT_LEASE_SECONDS);
      await markRelayed(manager, ids);
      return { count: events.length, attempts: inserted };
    });
    this.deliver(attempts);
    return count;
  }

  /** Makes the attempts in the background (the loop goes on relaying), then settles them together. */
  private deliver(attempts: ClaimedAttempt[]): void {
    if (attempts.length === 0) return;
    this.held += attempts.length;
    const group = this.deliverGroup(attempts)
      .catch((error: unknown) =>
        this.logger.error({ err: loggableError(error), attempts: attempts.length }, 'webhook attempts not settled; made again once their lease runs out'),
      )
      .finally(() => {
        this.held -= attempts.length;
        this.groups.delete(group);
        this.wakeUp?.();
      });
    this.groups.add(group);
  }

  private async deliverGroup(attempts: ClaimedAttempt[]): Promise<void> {
    const endpointIds = [...new Set(attempts.map((attempt) => attempt.endpoint_id))];
    const endpoints = new Map((await deliveryEndpoints(this.dataSource.manager, endpointIds)).map((endpoint) => [endpoint.id, endpoint]));
    const results = await new DeliveryGroup(this.config, endpoints, () => this.clock.now()).makeAll(attempts);
    await this.settle(results, endpoints);
  }

  /** The attempts' rows, their next attempts and their endpoints' health, in one transaction. */
  private async settle(results: MadeAttempt[], snapshot: Map<string, DeliveryEndpoint>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const settled = await settleAttempts(manager, results);
      const byEndpoint = new Map<string, MadeAttempt[]>();
      for (const result of results.filter((r) => settled.has(r.id)).sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime())) {
        const endpointId = result.endpointId;
        byEndpoint.set(endpointId, [...(byEndpoint.get(endpointId) ?? []), result]);
      }
      // Only endpoints whose health changes are locked and written (most settlements change none).
      const changing = [...byEndpoint].filter(([id, endpointResults]) => {
        const endpoint = snapshot.get(id);
        return endpoint !== undefined && healthChanges(endpoint, endpointResults);
      });
      if (changing.length === 0) return;
      const current = await deliveryEndpoints(
        manager,
        changing.map(([id]) => id),
        true,
      );
      for (const endpoint of current) await updateEndpointHealth(manager, endpoint.id, healthAfter(endpoint, byEndpoint.get(endpoint.id)!));
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
