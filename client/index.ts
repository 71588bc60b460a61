import createClient from 'openapi-fetch';
import type { ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** The API's one error body (application/problem+json, RFC 9457). */
export type Problem = components['schemas']['Problem'];

export interface RegistryClientOptions extends ClientOptions {
  /** The `accessToken` of `POST /api/v1/auth/login`, sent as `Authorization: Bearer …`. */
  accessToken?: string;
  /** A machine client's key, sent as `X-API-Key`. */
  apiKey?: string;
}

/**
 * A typed client of the POST Registry API: `openapi-fetch` over the types `npm run
 * generate:client` writes from openapi.json (client/schema.d.ts, never edited by hand).
 * `baseUrl` is the server's origin, e.g. `https://registry.example.gov`; paths carry `/api/v1`.
 */
export function createRegistryClient({ accessToken, apiKey, headers, ...options }: RegistryClientOptions = {}) {
  return createClient<paths>({
    ...options,
    headers: {
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
      ...(apiKey ? { 'X-API-Key': apiKey } : {}),
      ...headers,
    },
  });
}

export type RegistryClient = ReturnType<typeof createRegistryClient>;
