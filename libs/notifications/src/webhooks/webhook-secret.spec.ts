import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, WebhookSecretBox } from './webhook-secret';

describe('webhook secrets', () => {
  it('should be a Standard Webhooks secret the reference library accepts', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const signature = new Webhook(secret).sign('msg_1', new Date(), '{}');
    expect(signature).toMatch(/^v1,/);
  });

  it('should open what it sealed, and refuse a box sealed under another key or altered', () => {
    const box = new WebhookSecretBox('a'.repeat(48));
    const secret = newWebhookSecret();
    const sealed = box.seal(secret);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(box.open(sealed)).toBe(secret);
    expect(() => new WebhookSecretBox('b'.repeat(48)).open(sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => box.open(altered)).toThrow();
  });
});
