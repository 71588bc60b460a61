import { WebhooksConfig } from '@app/notifications';
import { Webhook } from 'standardwebhooks';
import { caseTokens, CaseTokens, certifiedOfficer } from '../support/case-helpers';
import { insertEmployment } from '../support/factories';
import { eventually } from '../support/jobs';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

interface Delivery {
  id: string;
  eventId: string | null;
  webhookId: string;
  type: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
  nextAttemptAt: string | null;
}

const ALL_EVENTS = ['officer.certification_changed', 'officer.separated', 'officer.case_opened', 'officer.final_action', 'officer.identity_changed'];

/**
 * Webhook delivery (issue 19 item 2) through the real app, its delivery loop and a real HTTP
 * receiver on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE_TARGETS=true, as in development). Waiting for a
 * retry's delay is skipped by bringing the pending attempts' time forward in the database.
 */
describe('webhooks: delivery (e2e)', () => {
  let t: TestApp;
  let tokens: CaseTokens;
  let receiver: WebhookReceiver;
  let config: WebhooksConfig;
  const realResolve = { fn: undefined as WebhooksConfig['resolve'] | undefined };

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    tokens = await caseTokens(t);
    receiver = await startWebhookReceiver();
    config = t.app.get(WebhooksConfig);
    realResolve.fn = config.resolve;
  });
  afterEach(() => {
    receiver.respond = () => 200;
    config.resolve = realResolve.fn!;
    Object.assign(config, { allowPrivateTargets: true });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const agencyWithHook = async (path: string, events = ALL_EVENTS) => {
    const agency = await t.createOrganization('agency');
    const admin = await t.userToken(agency.id, ['agency_admin']);
    const created = await t
      .http()
      .post('/api/v1/webhooks')
      .set(bearer(admin))
      .send({ url: receiver.url(path), events });
    expect(created.status).toBe(201);
    return { agency, admin, hook: created.body as { id: string; secret: string } };
  };
  const inactivate = async (postId: string) => {
    const response = await t
      .http()
      .post(`/api/v1/officers/${postId}/certification/transitions`)
      .set(bearer(tokens.adjudicator))
      .send({ action: 'inactivate', reason: 'Left law enforcement' });
    expect(response.status).toBe(200);
  };
  const arrivedAt = (path: string, status = 200) => receiver.received.filter((request) => request.path === path && request.status === status);
  /** A retry's delay (5 s, 30 s, …) passes at once: the pending attempts nobody holds are due now. */
  const hurry = () => t.db.query(`UPDATE webhook_attempt SET scheduled_at = now() WHERE status = 'pending' AND leased_until IS NULL AND scheduled_at > now()`);
  const deliveries = async (admin: string, hookId: string) => {
    const response = await t.http().get(`/api/v1/webhooks/${hookId}/deliveries`).set(bearer(admin));
    expect(response.status).toBe(200);
    return response.body.items as Delivery[];
  };

  it('should retry a 500 until a 200, with the same webhook-id and body on every attempt, signed so the reference library verifies it', async () => {
    const { agency, admin, hook } = await agencyWithHook('/retries');
    receiver.respond = ({ path, seen }) => (path === '/retries' && seen <= 2 ? 500 : 200);
    const officers = await Promise.all([1, 2, 3].map(() => certifiedOfficer(t, agency.id)));
    for (const { postId } of officers) await inactivate(postId);

    await eventually(
      async () => {
        await hurry();
        return arrivedAt('/retries').length === 3;
      },
      30_000,
      'three events delivered after two 500s each',
    );
    const verifier = new Webhook(hook.secret);
    for (const delivered of arrivedAt('/retries')) {
      const webhookId = String(delivered.headers['webhook-id']);
      const attempts = receiver.byId(webhookId);
      expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
      expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
      for (const attempt of attempts) {
        const headers = {
          'webhook-id': webhookId,
          'webhook-timestamp': String(attempt.headers['webhook-timestamp']),
          'webhook-signature': String(attempt.headers['webhook-signature']),
        };
        expect(verifier.verify(attempt.body, headers)).toEqual(JSON.parse(attempt.body));
        expect(() => verifier.verify(attempt.body.replace('inactive', 'certified'), headers)).toThrow();
        expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(attempt.body, headers)).toThrow();
      }
      const body = JSON.parse(delivered.body);
      expect(body).toEqual({
        type: 'officer.certification_changed',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { postId: expect.any(String), from: 'certified', to: 'inactive', effectiveOn: expect.any(String) },
      });
    }
    expect(new Set(arrivedAt('/retries').map((request) => JSON.parse(request.body).data.postId))).toEqual(new Set(officers.map((o) => o.postId)));

    // The log: one row per attempt, newest first, attempts counted from 1 per event.
    const items = await deliveries(admin, hook.id);
    expect(items).toHaveLength(9);
    const firstEvent = items.filter((item) => item.webhookId === items[0].webhookId);
    expect(firstEvent).toEqual([
      expect.objectContaining({ attempt: 3, status: 'succeeded', responseStatus: 200, nextAttemptAt: null, type: 'officer.certification_changed' }),
      expect.objectContaining({ attempt: 2, status: 'failed', responseStatus: 500, nextAttemptAt: expect.any(String) }),
      expect.objectContaining({ attempt: 1, status: 'failed', responseStatus: 500, nextAttemptAt: expect.any(String) }),
    ]);
    expect(firstEvent[0]).toEqual({
      id: expect.any(String),
      eventId: expect.any(String),
      webhookId: expect.stringMatching(/^msg_/),
      type: 'officer.certification_changed',
      attempt: 3,
      status: 'succeeded',
      responseStatus: 200,
      durationMs: expect.any(Number),
      at: expect.any(String),
      nextAttemptAt: null,
    });
    // The second attempt was due 5 s after the first (the schedule), whatever the test made of its wait.
    const first = (await t.db.query(`SELECT attempted_at, next_attempt_at FROM webhook_attempt WHERE id = $1`, [firstEvent[2].id])).rows[0];
    expect(first.next_attempt_at.getTime() - first.attempted_at.getTime()).toBe(5_000);
    expect((await t.http().get(`/api/v1/webhooks/${hook.id}`).set(bearer(admin))).body).toMatchObject({ status: 'active', failingSince: null });
  }, 60_000);

  it('should route an event to the current employer and to one that separated the officer within 12 months, and to nobody else', async () => {
    const current = await agencyWithHook('/current');
    const recent = await agencyWithHook('/recent');
    const old = await agencyWithHook('/old');
    await agencyWithHook('/other'); // an agency that never employed the officer
    const otherType = await agencyWithHook('/other-type', ['officer.case_opened']);
    const { postId, officerId } = await certifiedOfficer(t, current.agency.id);
    await insertEmployment(t, officerId, otherType.agency.id, '2024-01-02');
    for (const [agencyId, months] of [
      [recent.agency.id, 11],
      [old.agency.id, 13],
    ] as const) {
      await t.db.query(
        `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, under_investigation)
         VALUES ($1, $2, 'Patrol officer', '2020-01-02', (current_date - make_interval(months => $3))::date, 'resigned', false)`,
        [officerId, agencyId, months],
      );
    }
    await inactivate(postId);
    await eventually(() => Promise.resolve(arrivedAt('/current').length === 1 && arrivedAt('/recent').length === 1), 15_000, 'delivered to both');
    // The event was relayed once, to those two endpoints only.
    await eventually(
      async () =>
        (await t.db.query(`SELECT 1 FROM outbox_event e JOIN officer o ON o.id = e.officer_id WHERE o.post_id = $1 AND dispatched_at IS NULL`, [postId]))
          .rowCount === 0,
    );
    const { rows } = await t.db.query(
      `SELECT m.endpoint_id FROM webhook_message m JOIN outbox_event e ON e.id = m.event_id JOIN officer o ON o.id = e.officer_id WHERE o.post_id = $1`,
      [postId],
    );
    expect(rows.map((row) => row.endpoint_id).sort()).toEqual([current.hook.id, recent.hook.id].sort());
    for (const path of ['/old', '/other', '/other-type']) expect(receiver.received.filter((request) => request.path === path)).toEqual([]);
    expect(JSON.parse(arrivedAt('/recent')[0].body).data.postId).toBe(postId);
  });

  it('should disable an endpoint that answers 410, and send it nothing more', async () => {
    const { agency, admin, hook } = await agencyWithHook('/gone');
    receiver.respond = ({ path }) => (path === '/gone' ? 410 : 200);
    const { postId } = await certifiedOfficer(t, agency.id);
    await inactivate(postId);
    await eventually(async () => (await t.http().get(`/api/v1/webhooks/${hook.id}`).set(bearer(admin))).body.status === 'disabled', 15_000, 'disabled');
    const items = await deliveries(admin, hook.id);
    expect(items).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', responseStatus: 410, nextAttemptAt: null })]);
    const test = await t.http().post(`/api/v1/webhooks/${hook.id}/test`).set(bearer(admin));
    expect(test.status).toBe(422);
    expect(test.body.code).toBe('WEBHOOK.DISABLED');
    expect((await t.http().post(`/api/v1/webhooks/${hook.id}/deliveries/${items[0].id}/retry`).set(bearer(admin))).status).toBe(422);
    // A second event about this officer goes nowhere.
    const reactivated = await t
      .http()
      .post(`/api/v1/officers/${postId}/certification/transitions`)
      .set(bearer(tokens.adjudicator))
      .send({ action: 'reactivate', reason: 'Back' });
    expect(reactivated.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.received.filter((request) => request.path === '/gone')).toHaveLength(1);
    expect(await deliveries(admin, hook.id)).toHaveLength(1);
  });

  it('should mark an endpoint failing after 24 hours of failures, and active again after a success', async () => {
    const { agency, admin, hook } = await agencyWithHook('/failing');
    receiver.respond = ({ path }) => (path === '/failing' ? 503 : 200);
    await t.db.query(`UPDATE webhook_endpoint SET failing_since = now() - interval '25 hours' WHERE id = $1`, [hook.id]);
    const { postId } = await certifiedOfficer(t, agency.id);
    await inactivate(postId);
    await eventually(async () => (await t.http().get('/api/v1/webhooks').set(bearer(admin))).body.items[0].status === 'failing', 15_000, 'failing');
    receiver.respond = () => 200;
    const items = await deliveries(admin, hook.id);
    const retried = await t
      .http()
      .post(`/api/v1/webhooks/${hook.id}/deliveries/${items[items.length - 1].id}/retry`)
      .set(bearer(admin));
    expect(retried.status).toBe(202);
    await eventually(async () => (await t.http().get(`/api/v1/webhooks/${hook.id}`).set(bearer(admin))).body.status === 'active', 15_000, 'active again');
    expect((await t.http().get(`/api/v1/webhooks/${hook.id}`).set(bearer(admin))).body.failingSince).toBeNull();
  });

  it('should send a delivery again at once as its next attempt on a manual retry, with the same webhook-id', async () => {
    const { agency, admin, hook } = await agencyWithHook('/manual');
    const { postId } = await certifiedOfficer(t, agency.id);
    await inactivate(postId);
    await eventually(() => Promise.resolve(arrivedAt('/manual').length === 1), 15_000, 'first delivery');
    const [first] = await deliveries(admin, hook.id);
    expect(first).toMatchObject({ attempt: 1, status: 'succeeded' });

    const retried = await t.http().post(`/api/v1/webhooks/${hook.id}/deliveries/${first.id}/retry`).set(bearer(admin));
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ attempt: 2, status: 'pending', webhookId: first.webhookId, eventId: first.eventId });
    await eventually(() => Promise.resolve(arrivedAt('/manual').length === 2), 5_000, 'sent again');
    const [again, original] = arrivedAt('/manual');
    expect(again.headers['webhook-id']).toBe(original.headers['webhook-id']);
    expect(again.body).toBe(original.body);
    await eventually(async () => (await deliveries(admin, hook.id))[0].status === 'succeeded');
    expect((await deliveries(admin, hook.id)).map((item) => item.attempt)).toEqual([2, 1]);
    await t.foldAudit();
    const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'webhook.retry' AND entity_id = $1`, [hook.id]);
    expect(audit.rows).toEqual([{ details: { webhookId: first.webhookId, deliveryId: first.id } }]);

    // Someone else's delivery, or no delivery at all: 404.
    const other = await agencyWithHook('/manual-other');
    expect((await t.http().post(`/api/v1/webhooks/${hook.id}/deliveries/${first.id}/retry`).set(bearer(other.admin))).status).toBe(404);
    expect((await t.http().post(`/api/v1/webhooks/${other.hook.id}/deliveries/${first.id}/retry`).set(bearer(other.admin))).status).toBe(404);
    expect((await t.http().post(`/api/v1/webhooks/${hook.id}/deliveries/not-a-uuid/retry`).set(bearer(admin))).status).toBe(400);
  });

  it('should send a signed webhook.test event on request', async () => {
    const { admin, hook } = await agencyWithHook('/test');
    const sent = await t.http().post(`/api/v1/webhooks/${hook.id}/test`).set(bearer(admin));
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ type: 'webhook.test', attempt: 1, status: 'pending', eventId: null, webhookId: expect.stringMatching(/^msg_/) });
    await eventually(() => Promise.resolve(arrivedAt('/test').length === 1), 5_000, 'test event');
    const [request] = arrivedAt('/test');
    expect(request.headers['webhook-id']).toBe(sent.body.webhookId);
    const payload = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>);
    expect(payload).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: { webhookId: hook.id } });
    const other = await t.userToken((await t.createOrganization('agency')).id, ['agency_admin']);
    expect((await t.http().post(`/api/v1/webhooks/${hook.id}/test`).set(bearer(other))).status).toBe(404);
  });

  it.each([
    ['127.0.0.1', false, 'private_address'],
    ['169.254.169.254', true, 'forbidden_address'],
  ])('should refuse at delivery a name that now resolves to %s (private targets allowed: %s), sending nothing', async (address, allowPrivate, reason) => {
    // Registered while the name resolved to a public address; then it resolves to this machine or the metadata service.
    config.resolve = (hostname) => Promise.resolve(hostname === 'hooks.example.test' ? ['93.184.215.14'] : []);
    const path = `/rebound-${reason}`;
    const agency = await t.createOrganization('agency');
    const admin = await t.userToken(agency.id, ['agency_admin']);
    const created = await t
      .http()
      .post('/api/v1/webhooks')
      .set(bearer(admin))
      .send({ url: `https://hooks.example.test:${receiver.port}${path}`, events: ALL_EVENTS });
    expect(created.status).toBe(201);
    config.resolve = (hostname) => Promise.resolve(hostname === 'hooks.example.test' ? [address] : []);
    Object.assign(config, { allowPrivateTargets: allowPrivate });
    const sent = await t.http().post(`/api/v1/webhooks/${created.body.id}/test`).set(bearer(admin));
    expect(sent.status).toBe(202);
    await eventually(
      async () => (await deliveries(admin, created.body.id)).some((item) => item.id === sent.body.id && item.status === 'failed'),
      5_000,
      'attempt refused',
    );
    const { rows } = await t.db.query(`SELECT error, response_status FROM webhook_attempt WHERE id = $1`, [sent.body.id]);
    expect(rows).toEqual([{ error: `target_refused: ${reason}`, response_status: null }]);
    // Refused is a failure like any other: the schedule tries again (the name may resolve elsewhere by then).
    expect(await deliveries(admin, created.body.id)).toEqual([
      expect.objectContaining({ attempt: 2, status: 'pending' }),
      expect.objectContaining({ attempt: 1, status: 'failed' }),
    ]);
    expect(receiver.received.filter((request) => request.path === path)).toEqual([]);
  });
});
