import { isIP } from 'node:net';

/**
 * Which peers may tell us the client's address in `X-Forwarded-For` (Fastify's `trustProxy`,
 * through proxy-addr). Behind a load balancer (DESIGN.md "Scale-out path") the socket's peer is
 * the balancer, so without this every client shares one rate-limit bucket: the public portal's
 * 120 requests a minute would be the whole state's, and one brute-forcing client would lock
 * everyone out of login. Trusting every peer instead lets any client pick its own address and
 * escape the limits (OWASP API4), so the operator names the proxies' addresses. (No hop count:
 * Fastify 5 treats a count as trusting nobody, since a count cannot tell a proxy from a client.)
 *
 * `false`: nobody (the socket's peer is the client); a list: these addresses, CIDR ranges or
 * proxy-addr's named ranges.
 */
export type TrustedProxies = false | string[];

/** proxy-addr's names for the loopback, link-local and unique-local (private) ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** `undefined` when the value is neither a list of addresses/ranges nor `false`. */
export function parseTrustedProxies(value: string): TrustedProxies | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  const entries = trimmed.split(',').map((entry) => entry.trim());
  return entries.every(isTrustedProxyEntry) ? entries : undefined;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  // A /0 is every address: the same as trusting every peer, which the list exists to avoid.
  return Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const TRUSTED_PROXIES_MESSAGE = `must be comma-separated proxy addresses or CIDR ranges (or ${NAMED_RANGES.join(', ')})`;
