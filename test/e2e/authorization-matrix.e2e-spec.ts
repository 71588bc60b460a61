import { Role, ROLES } from '@app/core';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { discoverRoutes } from '../support/route-discovery';
import { officerAccount } from '../support/officer-accounts';

/**
 * Who may call what (API.md "Actors and roles", DOMAIN.md). Every registered route must have
 * a row here: a new route without a rule fails the first test. `public` needs no credentials;
 * `any` needs any valid credentials; a role list is checked for every role in and out of it.
 */
const RULES: Record<string, 'public' | 'any' | Role[]> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/me': 'any',
  'POST /api/v1/me/password': 'any',
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/activate': 'public',
  'POST /api/v1/users/:id/password-reset': ['commission_admin', 'agency_admin'],
  'POST /api/v1/auth/login/mfa': 'public',
  'POST /api/v1/me/mfa/totp': 'any',
  'POST /api/v1/me/mfa/totp/confirm': 'any',
  'POST /api/v1/users/:id/mfa/reset': ['commission_admin'],
  'POST /api/v1/organizations': ['commission_admin'],
  'GET /api/v1/organizations': 'any',
  'POST /api/v1/organizations/:id/users': ['commission_admin', 'agency_admin'],
  // Object-level: the agency's own users and the commission; another organization's user a 404.
  'GET /api/v1/organizations/:id/officers': ['agency_admin', 'agency_hiring', 'commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/organizations/:id/api-keys': ['commission_admin', 'agency_admin'],
  // Object-level: that organization's own admin and the commission; another organization's a 404.
  'GET /api/v1/organizations/:id/users': ['commission_admin', 'agency_admin'],
  'GET /api/v1/organizations/:id/api-keys': ['commission_admin', 'agency_admin'],
  'POST /api/v1/users/:id/unlock': ['commission_admin', 'agency_admin'],
  'POST /api/v1/users/:id/disable': ['commission_admin', 'agency_admin'],
  'POST /api/v1/api-keys/:id/revoke': ['commission_admin', 'agency_admin'],
  'GET /api/v1/audit': ['commission_admin'],
  'GET /api/v1/audit/verify': ['commission_admin'],
  'GET /api/v1/public/audit/head': 'public',
  'GET /api/v1/public/officers': 'public',
  'GET /api/v1/public/officers/:postId': 'public',
  'GET /api/v1/public/disciplinary-actions.csv': 'public',
  'GET /': 'public',
  'GET /assets/app.css': 'public',
  'GET /assets/app.js': 'public',
  'POST /api/v1/officers': ['academy_registrar', 'agency_admin', 'commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/officers/search': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'GET /api/v1/officers/possible-duplicates': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/officers/possible-duplicates/:id/dismiss': ['commission_admin'],
  'POST /api/v1/officers/:postId/names': ['commission_admin'],
  // Object-level: an agency for the officers it employs, an academy for those it enrolled; others a 404.
  'POST /api/v1/officers/:postId/aliases': ['commission_admin', 'agency_admin', 'academy_registrar'],
  'PATCH /api/v1/officers/:postId/identity': ['commission_admin'],
  'POST /api/v1/officers/:postId/merge': ['commission_admin'],
  // Object-level: the commission and employing agencies see the record, everyone else a 404 (not a 403).
  'GET /api/v1/officers/:postId': 'any',
  'POST /api/v1/officers/:postId/certification': ['commission_adjudicator'],
  'POST /api/v1/officers/:postId/certification/renewal': ['commission_adjudicator'],
  'POST /api/v1/officers/:postId/certification/transitions': ['commission_adjudicator'],
  'POST /api/v1/officers/:postId/certification/conditions/:conditionId/satisfy': ['commission_adjudicator'],
  // Object-level like the officer record: the commission and employing agencies, everyone else a 404.
  'GET /api/v1/officers/:postId/certification': 'any',
  // Object-level: the officer's own account reads its own, another officer's is a 404.
  'GET /api/v1/officers/:postId/notices': ['commission_admin', 'commission_investigator', 'commission_adjudicator', 'officer'],
  // Officers' own accounts (issue 22): the employing agency's admin for officers it employs now (403 otherwise).
  'POST /api/v1/officers/:postId/account-invitations': ['commission_admin', 'agency_admin'],
  'GET /api/v1/me/record': ['officer'],
  // Object-level: another officer's case is a 404.
  'POST /api/v1/me/cases/:id/response': ['officer'],
  'POST /api/v1/me/disputes': ['officer'],
  'GET /api/v1/me/disputes': ['officer'],
  'GET /api/v1/disputes': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/disputes/:id/resolve': ['commission_admin', 'commission_adjudicator'],
  'GET /api/v1/notices': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/courses': ['commission_admin'],
  'GET /api/v1/courses': 'any',
  'POST /api/v1/training-completions': ['academy_registrar'],
  'GET /api/v1/training-completions': ['academy_registrar'],
  'POST /api/v1/training-completions/batch': ['academy_registrar'],
  // Object-level: an academy voids only what it recorded (another academy's: 404).
  'POST /api/v1/training-completions/:id/void': ['academy_registrar', 'commission_admin'],
  // Object-level: the commission sees all, an academy its own rows, an employing agency all, other agencies a 404.
  'GET /api/v1/officers/:postId/training': 'any',
  'POST /api/v1/misconduct-reports': ['agency_admin'],
  'POST /api/v1/misconduct-reports/:id/amendments': ['agency_admin'],
  'GET /api/v1/misconduct-reports': ['agency_admin', 'commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'GET /api/v1/misconduct-reports/:id': ['agency_admin', 'commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/employments/:id/separation': ['agency_admin'],
  'GET /api/v1/grounds': 'any',
  'POST /api/v1/cases': ['commission_investigator'],
  'GET /api/v1/cases': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  // Object-level: the reporting agency reads status and outcome, other agencies a 404.
  'GET /api/v1/cases/:id': ['commission_admin', 'commission_investigator', 'commission_adjudicator', 'agency_admin'],
  // The role per action (DOMAIN.md) is the workflow's check: 403 CASE.ROLE_NOT_ALLOWED.
  'POST /api/v1/cases/:id/actions': ['commission_investigator', 'commission_adjudicator'],
  'POST /api/v1/hiring-checks': ['agency_admin', 'agency_hiring'],
  'POST /api/v1/webhooks': ['agency_admin'],
  'GET /api/v1/webhooks': ['agency_admin'],
  'GET /api/v1/webhooks/:id': ['agency_admin'],
  'DELETE /api/v1/webhooks/:id': ['agency_admin'],
  'GET /api/v1/webhooks/:id/deliveries': ['agency_admin'],
  'POST /api/v1/webhooks/:id/test': ['agency_admin'],
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry': ['agency_admin'],
  'GET /api/v1/hiring-checks': ['agency_admin', 'agency_hiring', 'commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'GET /api/v1/hiring-checks/:id': ['agency_admin', 'agency_hiring'],
  'POST /api/v1/officers/:postId/employments': ['agency_admin', 'agency_hiring'],
  'POST /api/v1/imports': ['commission_admin'],
  'GET /api/v1/imports': ['commission_admin'],
  'GET /api/v1/imports/:id': ['commission_admin'],
  'GET /api/v1/imports/:id/rejections': ['commission_admin'],
  'GET /api/v1/imports/:id/rejections.csv': ['commission_admin'],
  'GET /api/v1/imports/:id/flags': ['commission_admin'],
  'GET /api/v1/imports/:id/officers.csv': ['commission_admin'],
  'GET /api/v1/work-queue': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  'GET /api/v1/stats/overview': ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
};

/** Sample values for path parameters: well-formed, so a refusal can only come from the guard. */
const SAMPLE_PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  postId: 'MA-999999',
  conditionId: '00000000-0000-4000-8000-000000000000',
};

const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');

describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const agency = await t.createOrganization('agency');
    const academy = await t.createOrganization('academy');
    const commission = await t.commissionId();
    const organizationFor = (role: Role) => (role.startsWith('commission') ? commission : role.startsWith('agency') ? agency.id : academy.id);
    // The officer's own account belongs to no organization: made by invitation and activation.
    for (const role of ROLES) tokens[role] = role === 'officer' ? (await officerAccount(t)).token : await t.userToken(organizationFor(role), [role]);
  });
  afterAll(() => t.close());

  const call = (method: string, path: string, token?: string) => {
    const request = t.http()[method.toLowerCase() as 'get'](concrete(path));
    return token ? request.set(bearer(token)) : request;
  };

  it('should have a rule for every registered route, and a route for every rule', () => {
    const registered = discoverRoutes(t.app, 'api/v1', ['health', 'health/live'])
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(registered).toEqual(Object.keys(RULES).sort());
  });

  const protectedRoutes = Object.entries(RULES).filter(([, rule]) => rule !== 'public');

  it.each(protectedRoutes)('%s refuses a request without credentials with 401', async (route) => {
    const [method, path] = route.split(' ');
    const response = await call(method, path);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(protectedRoutes)('%s refuses every role outside its rule with 403 and lets its roles past the guard', async (route, rule) => {
    const [method, path] = route.split(' ');
    for (const role of ROLES) {
      const response = await call(method, path, tokens[role]);
      const allowed = rule === 'any' || (rule as Role[]).includes(role);
      const outcome = allowed ? ([401, 403].includes(response.status) ? 'refused' : 'passed') : response.status === 403 ? 'refused' : 'passed';
      expect({ role, outcome }).toEqual({ role, outcome: allowed ? 'passed' : 'refused' });
      // Past the guard, a request with sample values must still get a designed answer, never a crash.
      expect({ role, status: response.status }).toEqual({ role, status: expect.any(Number) });
      expect({ role, crashed: response.status >= 500 }).toEqual({ role, crashed: false });
    }
  });

  // DOMAIN.md "Audit": refused attempts (403 on restricted records) are audited in their own transaction.
  it.each(protectedRoutes.filter(([, rule]) => rule !== 'any'))(
    '%s records each refusal by role in the audit log, naming the route and the record',
    async (route, rule) => {
      const [method, path] = route.split(' ');
      const outsider = ROLES.find((role) => !(rule as Role[]).includes(role))!;
      // Refusals wait in audit_pending until folded into the chain (issue 17): fold before each read of audit_log.
      await t.foldAudit();
      const before = Number((await t.db.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_log`)).rows[0].seq);
      expect((await call(method, path, tokens[outsider])).status).toBe(403);
      await t.foldAudit();
      const { rows } = await t.db.query(`SELECT action, actor_kind, entity_type, entity_id, details FROM audit_log WHERE seq > $1 ORDER BY seq`, [before]);
      expect(rows).toEqual([
        {
          action: 'access.refused',
          actor_kind: 'user',
          entity_type: expect.any(String),
          entity_id: path.includes(':id') ? SAMPLE_PARAMS.id : null,
          details: expect.objectContaining({ method, route: path, requiredRoles: rule }),
        },
      ]);
      if (path.startsWith('/api/v1/cases/')) expect(rows[0].entity_type).toBe('case');
      if (path.startsWith('/api/v1/users/')) expect(rows[0].entity_type).toBe('user');
      if (path.startsWith('/api/v1/api-keys/')) expect(rows[0].entity_type).toBe('api_key');
      if (path.includes(':postId')) expect(rows[0].details.postId).toBe(SAMPLE_PARAMS.postId);
    },
  );

  it.each(Object.entries(RULES).filter(([, rule]) => rule === 'public'))('%s answers without credentials', async (route) => {
    const [method, path] = route.split(' ');
    const response = await call(method, path);
    expect([401, 403]).not.toContain(response.status);
  });
});
