import { OFFICER_EVENT_TYPES } from '@app/notifications';
import type { DeliveryView, OfficerEventType, WebhookView } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';

export class CreateWebhookDto {
  /** `https://` (plain `http://` to loopback or private addresses only where WEBHOOK_ALLOW_PRIVATE_TARGETS=true). */
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  /** The event types this endpoint receives. */
  @ApiProperty({ enum: OFFICER_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OFFICER_EVENT_TYPES.length)
  @IsIn(OFFICER_EVENT_TYPES, { each: true })
  events: OfficerEventType[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class WebhookDeliveryParamsDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'deliveryId must be a UUID' })
  deliveryId: string;
}

export class WebhookResponse {
  id: string;
  url: string;
  @ApiProperty({ enum: OFFICER_EVENT_TYPES, isArray: true })
  events: string[];
  description: string | null;
  /** `failing`: no delivery succeeded for 24 hours; `disabled`: the receiver answered 410 Gone. */
  @ApiProperty({ enum: ['active', 'failing', 'disabled'] })
  status: 'active' | 'failing' | 'disabled';
  /** When the current run of failed deliveries began. */
  failingSince: string | null;
  createdAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  /** `whsec_` + base64: the signing secret, shown in this answer only. */
  secret: string;
}

export class WebhookPage {
  items: WebhookResponse[];
  nextCursor: string | null;
}

export class WebhookDeliveryResponse {
  id: string;
  /** The event delivered; null for a `webhook.test` message. */
  eventId: string | null;
  /** The `webhook-id` header, the same on every attempt of one message. */
  webhookId: string;
  type: string;
  /** Counts from 1 per message. */
  attempt: number;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status: 'pending' | 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  /** When the attempt was made, or when a pending one is due. */
  at: string;
  nextAttemptAt: string | null;
}

export class WebhookDeliveryPage {
  items: WebhookDeliveryResponse[];
  nextCursor: string | null;
}

export const toWebhookResponse = (view: WebhookView): WebhookResponse => ({
  id: view.id,
  url: view.url,
  events: view.events,
  description: view.description,
  status: view.status,
  failingSince: view.failingSince,
  createdAt: view.createdAt,
});

export const toWebhookDeliveryResponse = (view: DeliveryView): WebhookDeliveryResponse => ({
  id: view.id,
  eventId: view.eventId,
  webhookId: view.webhookId,
  type: view.type,
  attempt: view.attempt,
  status: view.status,
  responseStatus: view.responseStatus,
  durationMs: view.durationMs,
  at: view.at,
  nextAttemptAt: view.nextAttemptAt,
});
