import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { WebhooksService } from '@app/notifications';
import { PageQueryDto } from '../common/pagination.dto';
import { IdParamDto } from '../common/uuid-param.dto';
import { ApiProblems } from '../openapi/api-problems';
import {
  CreatedWebhookResponse,
  CreateWebhookDto,
  toWebhookDeliveryResponse,
  toWebhookResponse,
  WebhookDeliveryPage,
  WebhookDeliveryParamsDto,
  WebhookDeliveryResponse,
  WebhookPage,
  WebhookResponse,
} from './dto/webhook.dto';

/** An agency's endpoints for officer events (API.md "Monitoring: rosters and webhooks"); the agency is always the caller's. */
@ApiTags('webhooks')
@Roles('agency_admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /**
   * Registers an endpoint for the caller's agency. The URL must be https and reach a public
   * address (checked against what its name resolves to); `422 WEBHOOK.TARGET_REFUSED` otherwise.
   * The signing `secret` is in this answer only.
   */
  @ApiOperation({ summary: 'Register a webhook', operationId: 'createWebhook' })
  @ApiProblems(422)
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const created = await this.webhooks.create(actor, body);
    return { ...toWebhookResponse(created), secret: created.secret };
  }

  /** The caller agency's endpoints, newest first. */
  @ApiOperation({ summary: 'List webhooks', operationId: 'listWebhooks' })
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<WebhookPage> {
    const page = await this.webhooks.list(actor, query);
    return { items: page.items.map(toWebhookResponse), nextCursor: page.nextCursor };
  }

  /** One of the caller agency's endpoints, with its status (`failing` after 24 hours of failed deliveries). */
  @ApiOperation({ summary: 'Get a webhook', operationId: 'getWebhook' })
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhooks.get(actor, id));
  }

  /** Stops all deliveries to the endpoint; its delivery log stays readable by the commission's audit. */
  @ApiOperation({ summary: 'Delete a webhook', operationId: 'deleteWebhook' })
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  /** One row per attempt, newest first. */
  @ApiOperation({ summary: 'List deliveries of a webhook', operationId: 'listWebhookDeliveries' })
  @Get(':id/deliveries')
  async deliveries(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<WebhookDeliveryPage> {
    const page = await this.webhooks.deliveries(actor, id, query);
    return { items: page.items.map(toWebhookDeliveryResponse), nextCursor: page.nextCursor };
  }

  /**
   * Sends a `webhook.test` event (`data: {webhookId}`) to the endpoint at once, signed like every
   * event; answers its first attempt, pending. `422 WEBHOOK.DISABLED` once a 410 disabled it.
   */
  @ApiOperation({ summary: 'Send a test event to a webhook', operationId: 'testWebhook' })
  @ApiProblems(422)
  @Post(':id/test')
  @HttpCode(202)
  async test(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<WebhookDeliveryResponse> {
    return toWebhookDeliveryResponse(await this.webhooks.test(actor, id));
  }

  /**
   * Sends that delivery's event again at once as its next attempt (the same `webhook-id`); answers
   * the attempt, pending. `422 WEBHOOK.DISABLED` once a 410 disabled the endpoint.
   */
  @ApiOperation({ summary: 'Retry a delivery of a webhook now', operationId: 'retryWebhookDelivery' })
  @ApiProblems(422)
  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  async retry(@CurrentActor() actor: Actor, @Param() { id, deliveryId }: WebhookDeliveryParamsDto): Promise<WebhookDeliveryResponse> {
    return toWebhookDeliveryResponse(await this.webhooks.retry(actor, id, deliveryId));
  }
}
