import type { AttemptRow, EndpointRow } from './persistence/webhook.store';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  /** `active`; `failing` after 24 hours of failed deliveries; `disabled` after a 410 Gone. */
  status: 'active' | 'failing' | 'disabled';
  failingSince: string | null;
  createdAt: string;
}

export interface CreatedWebhookView extends WebhookView {
  /** `whsec_` + base64: shown once, never again. */
  secret: string;
}

export interface DeliveryView {
  id: string;
  /** The outbox event delivered; null for a `webhook.test` message. */
  eventId: string | null;
  /** The `webhook-id` header: the same on every attempt of one message. */
  webhookId: string;
  type: string;
  attempt: number;
  status: 'pending' | 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  /** When it was made, or when a pending attempt is due. */
  at: string;
  nextAttemptAt: string | null;
}

export function toWebhookView(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    failingSince: row.failing_since?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function toDeliveryView(row: AttemptRow): DeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    webhookId: row.message_id,
    type: row.type,
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.response_status,
    durationMs: row.duration_ms,
    at: (row.attempted_at ?? row.scheduled_at).toISOString(),
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  };
}
