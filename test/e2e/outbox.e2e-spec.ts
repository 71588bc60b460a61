import { FixedClock } from '@app/core';
import { act, actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { insertEmployment, insertOfficers } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Tuesday, as in the cases' tests. */
const NOW = new Date('2026-03-10T15:00:00.000Z');

async function inParallel<T, R>(items: readonly T[], concurrency: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

interface OutboxRow {
  type: string;
  post_id: string;
  data: Record<string, unknown>;
}

/**
 * The outbox (issue 19 item 1): every change of API.md's event list writes its event in the same
 * transaction as the change, exactly once, and nothing for a request that rolled back.
 */
describe('outbox (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
  });
  afterAll(() => t.close());

  const eventsOf = async (postIds: string[]): Promise<OutboxRow[]> =>
    (
      await t.db.query<OutboxRow>(
        `SELECT e.type, o.post_id, e.data FROM outbox_event e JOIN officer o ON o.id = e.officer_id WHERE o.post_id = ANY($1) ORDER BY e.seq`,
        [postIds],
      )
    ).rows;

  it('should write one event per change for 1,000 concurrent changes, and none for the requests that rolled back', async () => {
    const postIds = await insertOfficers(t.db, 1_010);
    await t.db.query(
      `UPDATE certification SET status = 'certified', issued_on = '2025-01-02', expires_on = '2028-01-01', first_certified_on = '2025-01-02'
        WHERE officer_id IN (SELECT id FROM officer WHERE post_id = ANY($1))`,
      [postIds],
    );
    // Ten requests fail after their change and its event were written (the audit entry, written
    // last, is refused by a trigger): their transactions roll back, events included.
    const doomed = postIds.slice(0, 10);
    await t.db.query(`CREATE TABLE doomed_post_id (post_id text PRIMARY KEY)`);
    await t.db.query(`INSERT INTO doomed_post_id SELECT unnest($1::text[])`, [doomed]);
    await t.db.query(`
      CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'certification.inactivate' AND EXISTS (SELECT 1 FROM doomed_post_id WHERE post_id = NEW.details->>'postId') THEN
          RAISE EXCEPTION 'refused by the test';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER refuse_doomed BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_doomed()`);
    try {
      // Real parallel requests on one listening server, 25 in flight at a time.
      await t.app.listen(0, '127.0.0.1');
      const base = await t.app.getUrl();
      const statuses = await inParallel(postIds, 25, async (postId) => {
        const response = await fetch(`${base}/api/v1/officers/${postId}/certification/transitions`, {
          method: 'POST',
          headers: { ...bearer(tokens.adjudicator), 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'inactivate', reason: 'Left law enforcement' }),
        });
        await response.arrayBuffer();
        return response.status;
      });
      expect(statuses.filter((status) => status !== 200 && status < 500)).toEqual([]);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1_000);
      expect(statuses.slice(0, 10).every((status) => status >= 500)).toBe(true);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_doomed ON audit_log`);
    }

    const events = await eventsOf(postIds);
    expect(events).toHaveLength(1_000);
    expect(new Set(events.map((event) => event.post_id)).size).toBe(1_000);
    expect(events.filter((event) => doomed.includes(event.post_id))).toEqual([]);
    expect(events[0]).toEqual({
      type: 'officer.certification_changed',
      post_id: events[0].post_id,
      data: { postId: events[0].post_id, from: 'certified', to: 'inactive', effectiveOn: '2026-03-10' },
    });
    // Each committed event has its change: the officers whose request rolled back are still certified.
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM certification c JOIN officer o ON o.id = c.officer_id WHERE o.post_id = ANY($1) AND status = 'certified'`,
      [doomed],
    );
    expect(rows[0].n).toBe(10);
  }, 420_000); // 43 s alone at load 8; 209 s beside the rest of the suite on a loaded 2-core machine

  it('should announce a separation with the agency, an opened case without its grounds, and a final action once', async () => {
    const agency = await t.createOrganization('agency');
    const admin = await t.userToken(agency.id, ['agency_admin']);
    const { postId, officerId } = await certifiedOfficer(t);
    const employmentId = await insertEmployment(t, officerId, agency.id, '2025-01-02');

    const separated = await t
      .http()
      .post(`/api/v1/employments/${employmentId}/separation`)
      .set(bearer(admin))
      .send({ endDate: '2026-03-09', nature: 'resigned', reason: 'Moved away', underInvestigation: true });
    expect(separated.status).toBe(200);

    const opened = await openCase(t, tokens.investigator, { postId, grounds: ['unprofessional_conduct_pattern'], summary: 'A summary no agency may read' });
    await actAll(t, opened.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        {
          action: 'decide',
          sanction: 'suspend',
          suspensionDays: 30,
          findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }],
          reasoning: 'Shown',
        },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    // A refused action changes nothing and announces nothing.
    expect((await act(t, tokens.adjudicator, opened.id, { action: 'finalize', appealWaived: true, expectedVersion: 5 })).status).toBe(422);

    expect((await eventsOf([postId])).map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'officer.separated', data: { postId, agencyCode: agency.code, endDate: '2026-03-09', underInvestigation: true } },
      { type: 'officer.case_opened', data: { postId } },
      { type: 'officer.certification_changed', data: { postId, from: 'certified', to: 'suspended', effectiveOn: '2026-03-10' } },
      { type: 'officer.final_action', data: { postId, type: 'suspension', effectiveOn: '2026-03-10', endsOn: '2026-04-09' } },
    ]);
  });
});
