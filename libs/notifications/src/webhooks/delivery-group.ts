import { attemptSettlement, AttemptOutcome, EndpointStatus, endpointAfterAttempt } from './domain/retry-schedule';
import type { AttemptResult, ClaimedAttempt, DeliveryEndpoint } from './persistence/delivery.store';
import { CheckedTarget, checkWebhookTarget } from './webhook-target.check';
import { sendSigned, SendResult } from './webhook-sender';
import type { WebhooksConfig } from './webhooks-config';

/** An attempt made, as it is settled; `outcome` null when it was not made (its endpoint gone) and says nothing of the receiver's health. */
export interface MadeAttempt extends AttemptResult {
  endpointId: string;
  outcome: AttemptOutcome | null;
}

/** Requests in flight at once, per process, across groups. */
const MAX_IN_FLIGHT = 64;

class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

const slots = new Slots(MAX_IN_FLIGHT);

/**
 * Attempts claimed together: each endpoint's URL is checked once for the group (scheme, then
 * what its name resolves to now: the SSRF rules of registration, again at delivery) and its
 * secret opened once; each attempt is then signed and sent to a checked address.
 */
export class DeliveryGroup {
  private readonly checks = new Map<string, Promise<CheckedTarget>>();
  private readonly secrets = new Map<string, string | null>();

  constructor(
    private readonly config: WebhooksConfig,
    private readonly endpoints: Map<string, DeliveryEndpoint>,
    private readonly now: () => Date,
  ) {}

  makeAll(attempts: readonly ClaimedAttempt[]): Promise<MadeAttempt[]> {
    return Promise.all(attempts.map((attempt) => slots.run(() => this.make(attempt))));
  }

  private async make(claimed: ClaimedAttempt): Promise<MadeAttempt> {
    const endpoint = this.endpoints.get(claimed.endpoint_id);
    const attemptedAt = this.now();
    if (!endpoint || endpoint.deleted_at !== null || endpoint.status === 'disabled') {
      return this.result(
        claimed,
        attemptedAt,
        { responseStatus: null, durationMs: 0, error: endpoint?.status === 'disabled' ? 'endpoint_disabled' : 'endpoint_deleted' },
        true,
      );
    }
    let checked = this.checks.get(endpoint.id);
    if (!checked) this.checks.set(endpoint.id, (checked = checkWebhookTarget(endpoint.url, this.config.allowPrivateTargets, this.config.resolve)));
    const target = await checked;
    if ('reasons' in target)
      return this.result(claimed, attemptedAt, { responseStatus: null, durationMs: 0, error: `target_refused: ${target.reasons.join(', ')}` });
    const secret = this.secretOf(endpoint);
    // A secret sealed under another SECRETS_KEY (changed): nothing can be signed; the schedule goes on, in case the key comes back.
    if (secret === null) return this.result(claimed, attemptedAt, { responseStatus: null, durationMs: 0, error: 'secret_unreadable' });
    const sent = await sendSigned(target.target, target.addresses[0], { id: claimed.message_id, body: claimed.body }, secret);
    return this.result(claimed, attemptedAt, sent);
  }

  private secretOf(endpoint: DeliveryEndpoint): string | null {
    if (!this.secrets.has(endpoint.id)) this.secrets.set(endpoint.id, this.open(endpoint.sealed_secret));
    return this.secrets.get(endpoint.id)!;
  }

  private open(sealed: Buffer): string | null {
    try {
      return this.config.secrets.open(sealed);
    } catch {
      return null;
    }
  }

  private result(claimed: ClaimedAttempt, attemptedAt: Date, sent: SendResult, final = false): MadeAttempt {
    const settlement = attemptSettlement(claimed.attempt, sent.responseStatus, attemptedAt, final);
    return {
      id: claimed.id,
      endpointId: claimed.endpoint_id,
      status: settlement.status,
      responseStatus: sent.responseStatus,
      durationMs: sent.durationMs,
      error: sent.error,
      attemptedAt,
      nextAttemptAt: settlement.nextAttemptAt,
      outcome: final ? null : settlement.outcome,
    };
  }
}

type Health = { status: EndpointStatus; failingSince: Date | null };

/** The endpoint's health after these attempts, in the order they were made. */
export function healthAfter(endpoint: { status: EndpointStatus; failing_since: Date | null }, attempts: readonly MadeAttempt[]): Health {
  let health: Health = { status: endpoint.status, failingSince: endpoint.failing_since };
  for (const attempt of attempts) if (attempt.outcome) health = endpointAfterAttempt(health, attempt.outcome, attempt.attemptedAt);
  return health;
}

export function healthChanges(endpoint: { status: EndpointStatus; failing_since: Date | null }, attempts: readonly MadeAttempt[]): boolean {
  const after = healthAfter(endpoint, attempts);
  return after.status !== endpoint.status || after.failingSince?.getTime() !== endpoint.failing_since?.getTime();
}
