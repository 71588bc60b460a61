import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point (API.md "Monitoring: rosters and webhooks"): `https` only; loopback
 * and private addresses (and plain `http`, to them alone) only with WEBHOOK_ALLOW_PRIVATE_TARGETS;
 * link-local and cloud metadata addresses never, whatever the setting. Checked at registration
 * and again at every delivery against what the name resolves to then (a name that resolved to a
 * public address yesterday may resolve to 169.254.169.254 today).
 */
export type AddressClass = 'public' | 'private' | 'forbidden';

/** Never reachable from a webhook: link-local (where the clouds' metadata services live), multicast, broadcast, reserved. */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4');
FORBIDDEN.addSubnet('240.0.0.0', 4, 'ipv4');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6');
// AWS's metadata service over IPv6.
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6');

/** This machine and the networks behind it: refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('0.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.0.0.0', 24, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Names that are the metadata service wherever they resolve. */
const FORBIDDEN_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function classifyAddress(address: string): AddressClass {
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) reaches the IPv4 address it carries.
  const mapped = MAPPED_IPV4.exec(address)?.[1];
  if (mapped) return classifyAddress(mapped);
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(address) === 0 || FORBIDDEN.check(address, family)) return 'forbidden';
  if (PRIVATE.check(address, family)) return 'private';
  return 'public';
}

/** A URL as registered: what a delivery connects to. */
export interface WebhookTarget {
  url: string;
  protocol: 'https:' | 'http:';
  /** The name (or address literal, without brackets) the URL names. */
  hostname: string;
  port: number;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * The URL's own refusals, before any name is resolved. Reasons: `invalid_url`,
 * `scheme_not_allowed` (not https, nor http with the setting), `credentials_in_url`,
 * `forbidden_address` (a metadata name or a link-local literal), `private_address` (a
 * loopback or private literal or `localhost` without the setting).
 */
export function parseWebhookUrl(raw: string, allowPrivateTargets: boolean): { target: WebhookTarget } | { reasons: string[] } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reasons: ['invalid_url'] };
  }
  if (raw.length > MAX_WEBHOOK_URL_LENGTH || url.hostname === '') return { reasons: ['invalid_url'] };
  const reasons: string[] = [];
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && allowPrivateTargets))) reasons.push('scheme_not_allowed');
  if (url.username !== '' || url.password !== '') reasons.push('credentials_in_url');
  const hostname = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (FORBIDDEN_NAMES.has(hostname)) reasons.push('forbidden_address');
  else if (isIP(hostname) !== 0) reasons.push(...addressReasons([hostname], allowPrivateTargets));
  else if (!allowPrivateTargets && (hostname === 'localhost' || hostname.endsWith('.localhost'))) reasons.push('private_address');
  if (reasons.length > 0) return { reasons };
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { target: { url: url.toString(), protocol: url.protocol as WebhookTarget['protocol'], hostname, port } };
}

/** What the name resolved to: every address must be allowed (a name with one private address among public ones is refused). */
export function addressReasons(addresses: readonly string[], allowPrivateTargets: boolean): string[] {
  if (addresses.length === 0) return ['host_not_resolved'];
  const classes = new Set(addresses.map(classifyAddress));
  if (classes.has('forbidden')) return ['forbidden_address'];
  if (classes.has('private') && !allowPrivateTargets) return ['private_address'];
  return [];
}

/** Plain http is only for loopback and private targets (with the setting): never across the internet. */
export function schemeReasons(target: Pick<WebhookTarget, 'protocol'>, addresses: readonly string[]): string[] {
  if (target.protocol === 'https:') return [];
  return addresses.every((address) => classifyAddress(address) === 'private') ? [] : ['scheme_not_allowed'];
}
