import { isIP } from 'node:net';
import { addressReasons, parseWebhookUrl, schemeReasons, WebhookTarget } from './domain/webhook-target';
import type { HostResolver } from './webhooks-config';

export type CheckedTarget = { target: WebhookTarget; addresses: string[] } | { reasons: string[] };

/**
 * The URL's rules, then what its name resolves to now: at registration, and again before every
 * delivery, whose connection then goes to the address checked here (never to a second lookup
 * that a rebinding name could answer differently).
 */
export async function checkWebhookTarget(url: string, allowPrivateTargets: boolean, resolve: HostResolver): Promise<CheckedTarget> {
  const parsed = parseWebhookUrl(url, allowPrivateTargets);
  if ('reasons' in parsed) return parsed;
  const { target } = parsed;
  let addresses: string[];
  if (isIP(target.hostname) !== 0) addresses = [target.hostname];
  else {
    try {
      addresses = await resolve(target.hostname);
    } catch {
      return { reasons: ['host_not_resolved'] };
    }
  }
  const reasons = [...addressReasons(addresses, allowPrivateTargets), ...schemeReasons(target, addresses)];
  return reasons.length > 0 ? { reasons: [...new Set(reasons)] } : { target, addresses };
}
