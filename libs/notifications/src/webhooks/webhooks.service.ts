import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { DataSource, EntityManager } from 'typeorm';
import { TEST_EVENT_TYPE } from '../outbox/officer-events';
import { webhookDeliveryNotFound, webhookDisabled, webhookNotFound, webhookTargetRefused } from './domain/webhooks.errors';
import { messageBody, newMessageId } from './message-id';
import { insertMessages } from './persistence/delivery.store';
import {
  EndpointRow,
  findAttempt,
  findEndpoint,
  insertEndpoint,
  insertNextAttempt,
  latestAttemptOf,
  listAttempts,
  listEndpoints,
  markEndpointDeleted,
  rescheduleAttempt,
} from './persistence/webhook.store';
import { checkWebhookTarget } from './webhook-target.check';
import { newWebhookSecret } from './webhook-secret';
import { CreatedWebhookView, DeliveryView, toDeliveryView, toWebhookView, WebhookView } from './webhook-views';
import { webhookAdminAccess } from './webhooks.policy';
import { WebhookWake } from './webhook-wake';
import { WebhooksConfig } from './webhooks-config';

export interface CreateWebhookCommand {
  url: string;
  events: string[];
  description?: string | null;
}

const NEWEST_FIRST = timeAndIdKeyset();

/**
 * An agency's webhooks (API.md "Monitoring: rosters and webhooks"): its administrators register,
 * list, delete and test them and read their delivery log; nobody else sees them (another
 * agency's endpoint is the 404 of an unknown one). Writes are audited.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly config: WebhooksConfig,
    private readonly wake: WebhookWake,
    private readonly clock: Clock,
  ) {}

  /** The URL is checked (scheme, then every address its name resolves to) before anything is stored. */
  async create(actor: Actor, command: CreateWebhookCommand): Promise<CreatedWebhookView> {
    const { organizationId } = await this.access.require(actor, { action: 'webhook.create', entityType: 'webhook' }, webhookAdminAccess(actor));
    const checked = await checkWebhookTarget(command.url, this.config.allowPrivateTargets, this.config.resolve);
    if ('reasons' in checked) throw webhookTargetRefused(checked.reasons);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const row = await insertEndpoint(manager, {
        organizationId,
        url: checked.target.url,
        events: [...new Set(command.events)],
        description: command.description ?? null,
        sealedSecret: this.config.secrets.seal(secret),
        createdBy: actor.id,
      });
      // The host and the events, never the whole URL (its query may carry the receiver's own token) nor the secret.
      await this.audit.record(manager, actor, {
        action: 'webhook.create',
        entityType: 'webhook',
        entityId: row.id,
        details: { host: checked.target.hostname, events: row.events },
      });
      return { ...toWebhookView(row), secret };
    });
  }

  async list(actor: Actor, query: { limit: number; cursor?: string }): Promise<Page<WebhookView>> {
    const { organizationId } = await this.access.require(actor, { action: 'webhook.list', entityType: 'webhook' }, webhookAdminAccess(actor));
    const after = NEWEST_FIRST.after(query.cursor);
    const page = await NEWEST_FIRST.page(
      query.limit,
      (limit) => listEndpoints(this.dataSource.manager, organizationId, after, limit),
      (last) => ({ at: last.created_at.toISOString(), id: last.id }),
    );
    return { items: page.items.map(toWebhookView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<WebhookView> {
    const attempt = { action: 'webhook.read', entityType: 'webhook', entityId: id };
    const { organizationId } = await this.access.require(actor, attempt, webhookAdminAccess(actor));
    const row = await findEndpoint(this.dataSource.manager, organizationId, id);
    return row ? toWebhookView(row) : this.access.refuse(actor, attempt, webhookNotFound());
  }

  /** Stops every delivery to it (pending attempts find it deleted); its log stays. */
  async remove(actor: Actor, id: string): Promise<void> {
    const attempt = { action: 'webhook.delete', entityType: 'webhook', entityId: id };
    const { organizationId } = await this.access.require(actor, attempt, webhookAdminAccess(actor));
    const found = await this.dataSource.transaction(async (manager) => {
      const row = await findEndpoint(manager, organizationId, id, true);
      if (!row) return false;
      await markEndpointDeleted(manager, id);
      await this.audit.record(manager, actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, details: {} });
      return true;
    });
    if (!found) await this.access.refuse(actor, attempt, webhookNotFound());
  }

  async deliveries(actor: Actor, id: string, query: { limit: number; cursor?: string }): Promise<Page<DeliveryView>> {
    const attempt = { action: 'webhook.deliveries', entityType: 'webhook', entityId: id };
    const { organizationId } = await this.access.require(actor, attempt, webhookAdminAccess(actor));
    const after = NEWEST_FIRST.after(query.cursor);
    if (!(await findEndpoint(this.dataSource.manager, organizationId, id))) return this.access.refuse(actor, attempt, webhookNotFound());
    const page = await NEWEST_FIRST.page(
      query.limit,
      (limit) => listAttempts(this.dataSource.manager, id, after, limit),
      (last) => ({ at: last.created_at.toISOString(), id: last.id }),
    );
    return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
  }

  /** A `webhook.test` message (`data: {webhookId}`), its first attempt due now; answers that attempt, pending. */
  async test(actor: Actor, id: string): Promise<DeliveryView> {
    return this.pendingAttempt(actor, { action: 'webhook.test', entityType: 'webhook', entityId: id }, async (manager, endpoint) => {
      const messageId = newMessageId();
      const body = messageBody(TEST_EVENT_TYPE, this.clock.now(), { webhookId: endpoint.id });
      const [created] = await insertMessages(manager, [{ id: messageId, endpointId: endpoint.id, eventId: null, type: TEST_EVENT_TYPE, body }], null);
      return { attemptId: created.id, details: { webhookId: messageId } };
    });
  }

  /**
   * Sends the delivery's message again at once as its next attempt: the pending attempt, if the
   * schedule has one, is brought forward to now; else a new one is added. Answers that attempt.
   */
  async retry(actor: Actor, id: string, deliveryId: string): Promise<DeliveryView> {
    return this.pendingAttempt(actor, { action: 'webhook.retry', entityType: 'webhook', entityId: id }, async (manager, endpoint) => {
      const delivery = await findAttempt(manager, endpoint.id, deliveryId);
      if (!delivery) throw webhookDeliveryNotFound();
      const latest = (await latestAttemptOf(manager, delivery.message_id))!;
      const now = this.clock.now();
      let attemptId = latest.id;
      if (latest.status === 'pending') await rescheduleAttempt(manager, latest.id, now);
      else attemptId = (await insertNextAttempt(manager, delivery.message_id, endpoint.id, latest.attempt + 1, now))!;
      return { attemptId, details: { webhookId: delivery.message_id, deliveryId } };
    });
  }

  /** A test or a retry: the endpoint's, not disabled; the pending attempt and its audit entry in one transaction; the delivery loop woken after the commit. */
  private async pendingAttempt(
    actor: Actor,
    attempt: { action: string; entityType: string; entityId: string },
    write: (manager: EntityManager, endpoint: EndpointRow) => Promise<{ attemptId: string; details: Record<string, unknown> }>,
  ): Promise<DeliveryView> {
    const { organizationId } = await this.access.require(actor, attempt, webhookAdminAccess(actor));
    const view = await this.dataSource.transaction(async (manager) => {
      const endpoint = await findEndpoint(manager, organizationId, attempt.entityId);
      if (!endpoint) return null;
      if (endpoint.status === 'disabled') throw webhookDisabled();
      const { attemptId, details } = await write(manager, endpoint);
      await this.audit.record(manager, actor, { ...attempt, details });
      return findAttempt(manager, endpoint.id, attemptId);
    });
    if (!view) return this.access.refuse(actor, attempt, webhookNotFound());
    this.wake.signal();
    return toDeliveryView(view);
  }
}
