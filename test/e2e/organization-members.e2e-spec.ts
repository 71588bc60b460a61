import { bearer, startTestApp, TestApp } from '../support/test-app';

/** GET /organizations/:id/users and /api-keys: the administrators' lists, without secrets. */
describe('organization users and API keys lists (e2e)', () => {
  let t: TestApp;
  let agency: { id: string };
  let otherAgency: { id: string };
  let agencyAdmin: string;
  let otherAdmin: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    agency = await t.createOrganization('agency');
    otherAgency = await t.createOrganization('agency');
    agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
    otherAdmin = await t.userToken(otherAgency.id, ['agency_admin']);
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => t.http().get(`/api/v1${path}`).set(bearer(token));

  it("lists the organization's users in pages, with no password hash, to its own admin and to the commission", async () => {
    for (let i = 0; i < 3; i++) await t.userToken(agency.id, ['agency_hiring']);
    const first = await get(`/organizations/${agency.id}/users?limit=2`, agencyAdmin);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/organizations/${agency.id}/users?limit=2&cursor=${first.body.nextCursor}`, agencyAdmin);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((u: { id: string }) => u.id)).size).toBe(4);
    expect(all.map((u: { roles: string[] }) => u.roles[0]).sort()).toEqual(['agency_admin', 'agency_hiring', 'agency_hiring', 'agency_hiring']);
    for (const user of all) {
      expect(Object.keys(user).sort()).toEqual(['disabled', 'email', 'id', 'locked', 'organizationId', 'roles']);
      expect(user.organizationId).toBe(agency.id);
    }
    const byCommission = await get(`/organizations/${agency.id}/users`, admin);
    expect(byCommission.status).toBe(200);
    expect(byCommission.body.items.map((u: { id: string }) => u.id)).toEqual(all.map((u: { id: string }) => u.id));
  });

  it("lists the organization's keys, revoked ones marked, never the secret or its hash", async () => {
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agency.id}/api-keys`)
      .set(bearer(agencyAdmin))
      .send({ name: 'roster sync', roles: ['agency_hiring'] });
    expect(created.status).toBe(201);
    const other = await t
      .http()
      .post(`/api/v1/organizations/${agency.id}/api-keys`)
      .set(bearer(agencyAdmin))
      .send({ name: 'old', roles: ['agency_hiring'] });
    expect((await t.http().post(`/api/v1/api-keys/${other.body.id}/revoke`).set(bearer(agencyAdmin))).status).toBe(200);
    const list = await get(`/organizations/${agency.id}/api-keys`, agencyAdmin);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        { id: created.body.id, name: 'roster sync', roles: ['agency_hiring'], revoked: false, createdAt: expect.stringMatching(/Z$/) },
        { id: other.body.id, name: 'old', roles: ['agency_hiring'], revoked: true, createdAt: expect.stringMatching(/Z$/) },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it("answers another organization's admin, and an unknown organization, with 404 (the refusal audited)", async () => {
    for (const path of ['users', 'api-keys']) {
      const refused = await get(`/organizations/${agency.id}/${path}`, otherAdmin);
      expect(refused.status).toBe(404);
      expect(refused.body.items).toBeUndefined();
      const unknown = await get(`/organizations/00000000-0000-4000-8000-000000000000/${path}`, agencyAdmin);
      expect(unknown.status).toBe(404);
    }
    await t.foldAudit();
    const { rows } = await t.db.query(`SELECT details->>'attempt' AS attempt FROM audit_log WHERE action = 'access.refused' AND entity_id = $1`, [agency.id]);
    expect(rows.map((r: { attempt: string }) => r.attempt).sort()).toEqual(['api_key.list', 'user.list']);
  });

  it('refuses unknown query parameters and foreign cursors with 400', async () => {
    const unknown = await get(`/organizations/${agency.id}/users?role=agency_admin`, agencyAdmin);
    expect(unknown.status).toBe(400);
    const badLimit = await get(`/organizations/${agency.id}/api-keys?limit=501`, agencyAdmin);
    expect(badLimit.status).toBe(400);
    const badCursor = await get(`/organizations/${agency.id}/users?cursor=nonsense`, agencyAdmin);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([{ field: 'cursor', message: 'cursor is invalid' }]);
  });
});
