import { CommandFailure } from '../command-failure';

/**
 * The few calls `post-registry import` makes to a running service (API.md conventions): a
 * refusal becomes one line naming the status and the problem's detail and errors.
 */
export class RegistryApi {
  constructor(readonly base: string) {}

  async login(email: string | undefined, password = process.env.POST_REGISTRY_PASSWORD, totp?: string): Promise<string> {
    if (!email || !password) throw new CommandFailure('give --token, or --email and --password (or POST_REGISTRY_PASSWORD).');
    const first = await this.call<{ accessToken?: string; challengeToken?: string }>('POST', '/auth/login', undefined, JSON.stringify({ email, password }), {
      'content-type': 'application/json',
    });
    if (first.accessToken) return first.accessToken;
    if (!totp) throw new CommandFailure('this account needs its second factor: give --totp with the current code.');
    const second = await this.call<{ accessToken: string }>(
      'POST',
      '/auth/login/mfa',
      undefined,
      JSON.stringify({ challengeToken: first.challengeToken, code: totp }),
      {
        'content-type': 'application/json',
      },
    );
    return second.accessToken;
  }

  get<T>(path: string, token: string): Promise<T> {
    return this.call<T>('GET', path, token);
  }

  /** The body streams as it is read (`duplex: 'half'`): a 1 GiB file is never held. */
  upload<T>(path: string, token: string, body: ReadableStream, headers: Record<string, string>): Promise<T> {
    return this.call<T>('POST', path, token, body, headers);
  }

  private async call<T>(method: string, path: string, token?: string, body?: string | ReadableStream, headers: Record<string, string> = {}): Promise<T> {
    const url = `${this.base}/api/v1${path}`;
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    };
    const response = await fetch(url, init).catch((error: Error & { cause?: { code?: string } }) => {
      throw new CommandFailure(`${method} ${url}: ${error.cause?.code ?? error.message}`);
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (response.ok) throw new CommandFailure(`${method} ${url}: the answer is not JSON; is --url the POST Registry?`);
    }
    if (response.ok) return parsed as T;
    const errors = Array.isArray(parsed.errors)
      ? (parsed.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`).join('; ')
      : '';
    throw new CommandFailure(
      `${method} ${path}: ${response.status} ${typeof parsed.detail === 'string' ? parsed.detail : text.slice(0, 200)}${errors ? ` (${errors})` : ''}`,
    );
  }
}
