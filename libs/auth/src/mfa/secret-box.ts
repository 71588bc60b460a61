import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys for the second factor, derived (HKDF-SHA-256, RFC 5869) from SECRETS_KEY (unset: the
 * service's signing secret, JWT_SECRET or the one generated once under DATA_DIR or in the
 * database): one key per purpose, so neither key says anything of the secret or of the other.
 * docs/operations.md "Rotating the signing secret" says how JWT_SECRET rotates without them.
 */
export class SecondFactorKeys {
  private readonly encryptionKey: Buffer;
  private readonly recoveryCodeKey: Buffer;

  constructor(serviceSecret: string) {
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', Buffer.from(serviceSecret, 'utf8'), 'post-registry', purpose, 32));
    this.encryptionKey = derive('mfa totp secret encryption v1');
    this.recoveryCodeKey = derive('mfa recovery code hash v1');
  }

  /**
   * AES-256-GCM, a fresh 96-bit nonce each time, the user's id as associated data: a ciphertext
   * copied onto another user's row does not decrypt. Stored as `v1.<nonce>.<tag>.<ciphertext>`
   * (base64url), the version naming the key, so a later key can sit beside this one.
   */
  seal(plaintext: string, userId: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, nonce);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** The plaintext, or an error when the box was made under another key, for another user, or altered. */
  open(sealed: string, userId: string): string {
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || ciphertext === undefined) throw new Error('unknown sealed-secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * A recovery code's stored form: HMAC-SHA-256 under a key the database does not hold, so a
   * copy of the table alone cannot be searched for codes (50 bits each). Deterministic, so a code
   * is found (and used up) by one indexed, conditional UPDATE.
   */
  recoveryCodeHash(normalizedCode: string): Buffer {
    return createHmac('sha256', this.recoveryCodeKey).update(normalizedCode, 'utf8').digest();
  }
}
