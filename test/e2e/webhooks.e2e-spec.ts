import { WebhooksConfig } from '@app/notifications';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const ALL_EVENTS = ['officer.certification_changed', 'officer.separated', 'officer.case_opened', 'officer.final_action', 'officer.identity_changed'];

/** Registration (issue 19 item 2): who may, what URLs, what is kept; the SSRF rules without WEBHOOK_ALLOW_PRIVATE_TARGETS. */
describe('webhooks: registration (e2e)', () => {
  let t: TestApp;
  let config: WebhooksConfig;
  let agency: { id: string; code: string };
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    config = t.app.get(WebhooksConfig);
    agency = await t.createOrganization('agency');
    admin = await t.userToken(agency.id, ['agency_admin']);
  });
  afterEach(() => {
    config.resolve = () => Promise.resolve(['93.184.215.14']);
  });
  afterAll(() => t.close());

  const register = (token: string, body: Record<string, unknown>) => t.http().post('/api/v1/webhooks').set(bearer(token)).send(body);

  it.each([
    ['http://127.0.0.1:8080/hook', ['scheme_not_allowed', 'private_address']],
    ['https://127.0.0.1/hook', ['private_address']],
    ['https://[::1]/hook', ['private_address']],
    ['https://localhost/hook', ['private_address']],
    ['https://10.0.0.7/hook', ['private_address']],
    ['https://169.254.169.254/latest/meta-data/', ['forbidden_address']],
    ['https://metadata.google.internal/computeMetadata/v1/', ['forbidden_address']],
    ['https://[fe80::1]/hook', ['forbidden_address']],
    ['http://hooks.example.com/hook', ['scheme_not_allowed']],
  ])('should refuse %s with 422 and store nothing', async (url, reasons) => {
    const response = await register(admin, { url, events: ['officer.separated'] });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'WEBHOOK.TARGET_REFUSED', reasons });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoint WHERE url = $1`, [url])).rows[0].n).toBe(0);
  });

  it.each([
    ['127.0.0.1', 'private_address'],
    ['169.254.169.254', 'forbidden_address'],
  ])('should refuse a name that resolves to %s', async (address, reason) => {
    config.resolve = (hostname) => Promise.resolve(hostname === 'hooks.example.test' ? [address] : []);
    const response = await register(admin, { url: 'https://hooks.example.test/hook', events: ['officer.separated'] });
    expect(response.status).toBe(422);
    expect(response.body.reasons).toEqual([reason]);
  });

  it('should register an https endpoint on a public address, show the secret once, and keep it from every other agency', async () => {
    config.resolve = () => Promise.resolve(['93.184.215.14']);
    const created = await register(admin, { url: 'https://hooks.example.test/post?x=1', events: ALL_EVENTS, description: 'HR system' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.test/post?x=1',
      events: ALL_EVENTS,
      description: 'HR system',
      status: 'active',
      failingSince: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+={0,2}$/),
    });
    const { id, secret } = created.body;
    // Stored sealed: the secret's text is nowhere in the row.
    const stored = await t.db.query(`SELECT sealed_secret FROM webhook_endpoint WHERE id = $1`, [id]);
    expect((stored.rows[0].sealed_secret as Buffer).includes(Buffer.from(secret))).toBe(false);
    expect((stored.rows[0].sealed_secret as Buffer).includes(Buffer.from(secret.slice(6), 'base64'))).toBe(false);

    const read = await t.http().get(`/api/v1/webhooks/${id}`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await t.http().get('/api/v1/webhooks').set(bearer(admin));
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const other = await t.userToken((await t.createOrganization('agency')).id, ['agency_admin']);
    expect((await t.http().get(`/api/v1/webhooks/${id}`).set(bearer(other))).status).toBe(404);
    expect((await t.http().delete(`/api/v1/webhooks/${id}`).set(bearer(other))).status).toBe(404);
    expect((await t.http().get(`/api/v1/webhooks/${id}/deliveries`).set(bearer(other))).status).toBe(404);
    expect((await t.http().get('/api/v1/webhooks').set(bearer(other))).body.items).toEqual([]);
    await t.foldAudit(); // refusals wait in audit_pending until folded into the chain
    const refusals = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused' AND entity_id = $1`, [id]);
    expect(refusals.rows[0].n).toBe(3);

    expect((await t.http().delete(`/api/v1/webhooks/${id}`).set(bearer(admin))).status).toBe(204);
    expect((await t.http().get(`/api/v1/webhooks/${id}`).set(bearer(admin))).status).toBe(404);
    const audit = await t.db.query(
      `SELECT action, details FROM audit_log WHERE entity_type = 'webhook' AND entity_id = $1 AND action LIKE 'webhook.%' ORDER BY seq`,
      [id],
    );
    expect(audit.rows).toEqual([
      { action: 'webhook.create', details: { host: 'hooks.example.test', events: ALL_EVENTS } },
      { action: 'webhook.delete', details: {} },
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
  });

  it('should refuse other roles and organizations with 403', async () => {
    const hiring = await t.userToken(agency.id, ['agency_hiring']);
    const commission = await t.adminToken();
    const body = { url: 'https://hooks.example.test/', events: ['officer.separated'] };
    expect((await register(hiring, body)).status).toBe(403);
    expect((await register(commission, body)).status).toBe(403);
    expect((await t.http().post('/api/v1/webhooks').send(body)).status).toBe(401);
  });

  it.each([
    [{ url: 'https://hooks.example.test/', events: ['officer.separated'], secret: 'mine' }, 'secret'],
    [{ url: 'https://hooks.example.test/', events: [] }, 'events'],
    [{ url: 'https://hooks.example.test/', events: ['officer.hired'] }, 'events'],
    [{ url: 'https://hooks.example.test/', events: 'officer.separated' }, 'events'],
    [{ url: 42, events: ['officer.separated'] }, 'url'],
    [{ events: ['officer.separated'] }, 'url'],
    [{ url: 'https://hooks.example.test/', events: ['officer.separated'], description: 'x'.repeat(501) }, 'description'],
  ])('should refuse a bad body with 400 (%j)', async (body, field) => {
    const response = await register(admin, body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('should refuse a bad id or delivery id with 400', async () => {
    expect((await t.http().get('/api/v1/webhooks/not-a-uuid').set(bearer(admin))).status).toBe(400);
    expect((await t.http().get('/api/v1/webhooks/00000000-0000-4000-8000-000000000000').set(bearer(admin))).status).toBe(404);
  });
});
