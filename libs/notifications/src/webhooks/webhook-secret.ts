import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A webhook's signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks), shown
 * once. Unlike an API key it cannot be stored as a hash: every delivery signs with it. It is
 * stored sealed (AES-256-GCM) under a key derived from SECRETS_KEY (HKDF; unset: the service's
 * JWT secret), so a copy of the database alone (a backup, a replica) does not give the secrets
 * away. Changing that key makes the stored secrets unreadable: the endpoints must then be
 * registered again (docs/operations.md "Rotating the signing secret" says how to avoid it).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(serviceSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', serviceSecret, 'post-registry', 'webhook-signing-secret-v1', 32));
  }

  seal(secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), sealed]);
  }

  /** Throws when the box was sealed under another key (SECRETS_KEY changed) or altered. */
  open(sealed: Buffer): string {
    if (sealed[0] !== VERSION) throw new Error('Unknown sealed secret version');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
