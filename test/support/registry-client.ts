/**
 * A small HTTP client for the crash test and the soak bench, which drive the built service from
 * outside: every answer is kept as what a client saw (status, Retry-After, or the connection
 * error's code), never thrown, so that an outage can be tallied.
 */
export interface Outcome {
  /** undefined: no HTTP answer (connection refused or reset, or no answer within the time limit). */
  status?: number;
  retryAfter?: string;
  body?: unknown;
  error?: string;
  ms: number;
}

export const CRASH_ADMIN_EMAIL = 'crash-admin@commission.local';
export const CRASH_ADMIN_PASSWORD = 'crash-admin-password-1';
const USER_PASSWORD = 'crash-user-password-1';

export function registryClient(base: string, timeoutMs = 30_000) {
  const call = async (
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; contentType?: string } = {},
  ): Promise<Outcome> => {
    const started = performance.now();
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.contentType) headers['content-type'] = options.contentType;
    try {
      const response = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (CSV, HTML): kept as text
      }
      return { status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined, body: parsed, ms: performance.now() - started };
    } catch (error) {
      return { error: errorCode(error), ms: performance.now() - started };
    }
  };
  const required = async (method: string, path: string, options: Parameters<typeof call>[2]) => {
    const outcome = await call(method, path, options);
    if (!outcome.status || outcome.status >= 300)
      throw new Error(`${method} ${path}: ${outcome.status ?? outcome.error} ${JSON.stringify(outcome.body)?.slice(0, 500)}`);
    return outcome.body as Record<string, unknown>;
  };
  const login = async (email: string, password: string) => (await required('POST', '/api/v1/auth/login', { json: { email, password } })).accessToken as string;
  return { call, required, login };
}

export interface Actors {
  admin: string;
  academyId: string;
  registrar: string;
  agencyId: string;
  hiring: string;
  investigator: string;
  adjudicator: string;
  courseCode: string;
  /** Signs one of the users above in again (tokens expire after JWT_TTL_MINUTES, 30 by default): the answer, with `accessToken` on success. */
  signInAgain(role: 'registrar' | 'hiring' | 'investigator' | 'adjudicator'): Promise<Outcome>;
}

/** An academy with a registrar, an agency with a hiring clerk, the commission's investigator and adjudicator, and an in-service course. */
export async function setUpActors(base: string, tag: string): Promise<Actors> {
  const api = registryClient(base);
  const admin = await api.login(CRASH_ADMIN_EMAIL, CRASH_ADMIN_PASSWORD);
  const emailOf = (role: string) => `${role.replace(/_/g, '-')}-${tag.toLowerCase()}@crash.local`;
  const user = async (organizationId: string, role: string) => {
    const email = emailOf(role);
    await api.required('POST', `/api/v1/organizations/${organizationId}/users`, { token: admin, json: { email, password: USER_PASSWORD, roles: [role] } });
    return api.login(email, USER_PASSWORD);
  };
  const organization = async (type: string) =>
    (
      await api.required('POST', '/api/v1/organizations', {
        token: admin,
        json: { type, name: `Crash ${type} ${tag}`, code: `CRASH-${type.toUpperCase()}-${tag}` },
      })
    ).id as string;
  const academyId = await organization('academy');
  const agencyId = await organization('agency');
  const organizations = (await api.required('GET', '/api/v1/organizations?type=commission', { token: admin })) as unknown as
    { items: { id: string }[] } | { id: string }[];
  const commissionId = (Array.isArray(organizations) ? organizations : organizations.items)[0].id;
  const courseCode = `CRASH-INSERVICE-${tag}`;
  await api.required('POST', '/api/v1/courses', { token: admin, json: { code: courseCode, title: 'Crash in-service', kind: 'in_service', hours: 8 } });
  return {
    admin,
    academyId,
    registrar: await user(academyId, 'academy_registrar'),
    agencyId,
    hiring: await user(agencyId, 'agency_hiring'),
    investigator: await user(commissionId, 'commission_investigator'),
    adjudicator: await user(commissionId, 'commission_adjudicator'),
    courseCode,
    signInAgain: (role) => {
      const roles = { registrar: 'academy_registrar', hiring: 'agency_hiring', investigator: 'commission_investigator', adjudicator: 'commission_adjudicator' };
      return api.call('POST', '/api/v1/auth/login', { json: { email: emailOf(roles[role]), password: USER_PASSWORD } });
    },
  };
}

/** What a client saw, as one key: `201`, `503 Retry-After: 5`, `503 without Retry-After`, `ECONNREFUSED`, … */
export function outcomeKey(outcome: Outcome): string {
  if (outcome.status === undefined) return outcome.error ?? 'no answer';
  if (outcome.status === 503) return outcome.retryAfter ? `503 Retry-After: ${outcome.retryAfter}` : '503 without Retry-After';
  return String(outcome.status);
}

export class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
  summary(): string {
    if (!this.counts.size) return 'nothing';
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => `${key} ×${n}`)
      .join(', ');
  }
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; name?: string } })?.cause;
  if (cause?.code) return cause.code;
  if ((error as { name?: string })?.name === 'TimeoutError') return 'no answer within the time limit';
  return (error as Error)?.message ?? String(error);
}
