import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `prk_<prefix>_<secret>`: the prefix finds the row by index, the 32-byte secret is only
 * stored as SHA-256. A random 256-bit secret needs no slow hash (unlike a password), and
 * the comparison is constant-time.
 */
const KEY_PATTERN = /^prk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const key = `prk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function parseApiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export function apiKeyMatches(key: string, storedHash: Buffer): boolean {
  const candidate = hashApiKey(key);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}
