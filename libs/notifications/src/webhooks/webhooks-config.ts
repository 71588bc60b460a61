import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { lookup } from 'node:dns/promises';
import { WebhookSecretBox } from './webhook-secret';

/** `webhooks` of the app configuration: WEBHOOK_ALLOW_PRIVATE_TARGETS. */
export interface WebhookSettings {
  allowPrivateTargets: boolean;
}

/** Every address a name resolves to (A and AAAA, as the system resolver answers a connect). */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** The webhooks' settings, read once; `resolve` is the one place names are resolved (tests swap it, as they swap the clock). */
@Injectable()
export class WebhooksConfig {
  readonly allowPrivateTargets: boolean;
  readonly secrets: WebhookSecretBox;
  resolve: HostResolver = systemResolver;

  constructor(config: ConfigService) {
    this.allowPrivateTargets = config.get<WebhookSettings>('webhooks')?.allowPrivateTargets === true;
    this.secrets = new WebhookSecretBox(config.getOrThrow<string>('secretsKey'));
  }
}
