/**
 * Standard Webhooks delivery: at least once, retried with growing delays for at least 24 hours
 * (API.md). The delays after attempts 1..10; attempt 11 is the last. Together 27.7 hours, so an
 * endpoint down for a day still gets the event once it is back.
 */
export const RETRY_DELAYS_SECONDS: readonly number[] = [5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 43_200];

export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** A 2xx within this time is success; anything else (including no answer) a failure. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** An endpoint failing without one success for this long is marked `failing` (its agency's administrators see it). */
export const FAILING_AFTER_MS = 24 * 60 * 60 * 1000;

/** Seconds until the attempt after `attempt` (counted from 1), or null when `attempt` was the last. */
export function retryDelaySeconds(attempt: number): number | null {
  return attempt >= 1 && attempt <= RETRY_DELAYS_SECONDS.length ? RETRY_DELAYS_SECONDS[attempt - 1] : null;
}

export type AttemptOutcome = { kind: 'succeeded' } | { kind: 'gone' } | { kind: 'failed' };

/** 2xx: delivered. 410 Gone: the receiver asks never to be called again (the endpoint is disabled). Anything else, or no answer: retried. */
export function outcomeOf(responseStatus: number | null): AttemptOutcome {
  if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) return { kind: 'succeeded' };
  if (responseStatus === 410) return { kind: 'gone' };
  return { kind: 'failed' };
}

export type EndpointStatus = 'active' | 'failing' | 'disabled';

/**
 * The endpoint's status after an attempt: a success clears `failing` (and the time it began);
 * a failure starts the clock, and once it has run FAILING_AFTER_MS the endpoint is `failing`;
 * a 410 disables it. A disabled endpoint stays disabled.
 */
export function endpointAfterAttempt(
  endpoint: { status: EndpointStatus; failingSince: Date | null },
  outcome: AttemptOutcome,
  now: Date,
): { status: EndpointStatus; failingSince: Date | null } {
  if (endpoint.status === 'disabled') return endpoint;
  if (outcome.kind === 'gone') return { status: 'disabled', failingSince: endpoint.failingSince };
  if (outcome.kind === 'succeeded') return { status: 'active', failingSince: null };
  const failingSince = endpoint.failingSince ?? now;
  return { status: now.getTime() - failingSince.getTime() >= FAILING_AFTER_MS ? 'failing' : endpoint.status, failingSince };
}

/** How long a process holds a claimed attempt: past the 10-s answer and the settling, after which a killed process's attempt is another's. */
export const ATTEMPT_LEASE_SECONDS = 30;

/**
 * What an attempt's answer makes of it: a 2xx succeeded; anything else failed, with the next
 * attempt's time while the schedule has one (never after a 410, nor once the endpoint is gone:
 * `final`).
 */
export function attemptSettlement(
  attempt: number,
  responseStatus: number | null,
  attemptedAt: Date,
  final = false,
): { status: 'succeeded' | 'failed'; outcome: AttemptOutcome; nextAttemptAt: Date | null } {
  const outcome = outcomeOf(responseStatus);
  if (outcome.kind === 'succeeded') return { status: 'succeeded', outcome, nextAttemptAt: null };
  const delay = outcome.kind === 'gone' || final ? null : retryDelaySeconds(attempt);
  return { status: 'failed', outcome, nextAttemptAt: delay === null ? null : new Date(attemptedAt.getTime() + delay * 1000) };
}
