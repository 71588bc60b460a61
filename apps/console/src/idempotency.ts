/**
 * An Idempotency-Key for a form: the same form with the same content sends the same key, so a
 * retry after a lost answer returns the original record instead of creating a twin (API.md
 * "Conventions"); changed content is a new request with a new key.
 */
export async function idempotencyKey(formSalt: string, content: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(`${formSalt}\n${JSON.stringify(content)}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const newFormSalt = (): string => crypto.randomUUID();
