import { FixedClock } from '@app/core';
import { act, actAll, caseSnapshot, caseTokens, CaseTokens, certificationOf, certifiedOfficer, openCase } from '../support/case-helpers';
import { certifyBySql, insertOfficers, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const at = (date: string) => new Date(`${date}T15:00:00.000Z`);
const PARALLEL_ROUNDS = 50;

/**
 * DOMAIN.md "Cases": the status change, the timeline row, the certification change and the audit
 * entry commit together or not at all, and two actions on the same version give one success.
 */
describe('commission cases: concurrency and integrity (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  const notice = { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: '2026-03-24' };
  const waiver = { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true };
  const suspendDecision = {
    action: 'decide',
    sanction: 'suspend',
    suspensionDays: 30,
    findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }],
    reasoning: 'Pattern shown',
    expectedVersion: 3,
  };

  it(`should give exactly one 200 and one 409 to two conflicting actions sent in parallel, ${PARALLEL_ROUNDS} times`, async () => {
    const postIds = await insertOfficers(t.db, PARALLEL_ROUNDS);
    for (let round = 0; round < PARALLEL_ROUNDS; round++) {
      const officerId = await officerIdOf(t, postIds[round]);
      await certifyBySql(t, officerId);
      const opened = await openCase(t, tokens.investigator, { postId: postIds[round] });
      const triggers = round % 2 === 0 ? ['felony_arrest', 'felony_charge'] : ['felony_charge', 'felony_arrest'];
      const responses = await Promise.all(
        triggers.map((trigger) => act(t, tokens.adjudicator, opened.id, { action: 'interim_suspend', trigger, reason: `Round ${round}`, expectedVersion: 1 })),
      );

      const statuses = responses.map((r) => r.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [200, 409] });
      const winner = responses.find((r) => r.status === 200)!;
      const loser = responses.find((r) => r.status === 409)!;
      expect(loser.body.code).toBe('CASE.VERSION_CONFLICT');
      const { rows: events } = await t.db.query(`SELECT action, version, payload FROM case_event WHERE case_id = $1 ORDER BY version`, [opened.id]);
      expect(events.map((e) => [e.version, e.action])).toEqual([
        [1, 'open'],
        [2, 'interim_suspend'],
      ]);
      expect(events[1].payload.trigger).toBe(winner.body.interimSuspension.trigger);
      const certification = await certificationOf(t, officerId);
      expect({ round, status: certification.status, changes: certification.history.length }).toEqual({ round, status: 'suspended', changes: 1 });
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.interim_suspend'`);
    expect(rows[0].n).toBe(PARALLEL_ROUNDS);
  });

  it('should leave case, timeline, certification and audit exactly as before when the certification change fails', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const opened = await openCase(t, tokens.investigator, { postId });
    await actAll(t, opened.id, [
      [tokens.investigator, notice],
      [tokens.investigator, waiver],
    ]);
    // Revoked meanwhile by another process: a suspension can no longer be applied.
    await t.db.query(`UPDATE certification SET status = 'revoked', status_before_revocation = 'certified' WHERE officer_id = $1`, [officerId]);
    const before = await caseSnapshot(t, opened.id, officerId);

    const response = await act(t, tokens.adjudicator, opened.id, suspendDecision);
    expect(response.status).toBe(422);
    expect(response.body.code).toMatch(/^CERTIFICATION\./);
    expect(await caseSnapshot(t, opened.id, officerId)).toEqual(before);
  });

  describe('a decision racing another change of the same certification', () => {
    async function readyToDecide() {
      const { postId, officerId } = await certifiedOfficer(t);
      const opened = await openCase(t, tokens.investigator, { postId });
      await actAll(t, opened.id, [
        [tokens.investigator, notice],
        [tokens.investigator, waiver],
      ]);
      return { caseId: opened.id, officerId };
    }

    /** Holds the certification row lock (as a renewal or a hire would), sends the decision, and waits until it queues on the lock. */
    async function decideWhileLocked(caseId: string, officerId: string, whileLocked: (sql: (q: string) => Promise<unknown>) => Promise<void>) {
      const holder = await t.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT 1 FROM certification WHERE officer_id = $1 FOR UPDATE`, [officerId]);
        // `then` sends the request now; it is awaited once the lock is released.
        const pending = act(t, tokens.adjudicator, caseId, suspendDecision).then((response) => response);
        for (let waited = 0; ; waited += 20) {
          const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
          if (rows[0].n > 0) break;
          if (waited > 3000) throw new Error('the decision never waited on the certification lock');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect((await t.db.query(`SELECT version FROM commission_case WHERE id = $1`, [caseId])).rows[0].version).toBe(3);
        await whileLocked((q) => (q.includes('$1') ? holder.query(q, [officerId]) : holder.query(q)));
        return await pending;
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        holder.release();
      }
    }

    it('should refuse the decision, changing nothing, when the other change commits first and makes it illegal', async () => {
      const { caseId, officerId } = await readyToDecide();
      const before = await caseSnapshot(t, caseId, officerId);
      const response = await decideWhileLocked(caseId, officerId, async (sql) => {
        await sql(`UPDATE certification SET status = 'revoked', status_before_revocation = 'certified' WHERE officer_id = $1`);
        await sql('COMMIT');
      });
      expect(response.status).toBe(422);
      const after = await caseSnapshot(t, caseId, officerId);
      expect({ ...after, certificationRow: undefined }).toEqual({ ...before, certificationRow: undefined });
      expect(after.certificationRow.status).toBe('revoked');
    });

    it('should apply the decision once the other transaction lets go of the row', async () => {
      const { caseId, officerId } = await readyToDecide();
      const response = await decideWhileLocked(caseId, officerId, (sql) => sql('ROLLBACK').then(() => undefined));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'decided', version: 4 });
      expect(await certificationOf(t, officerId)).toMatchObject({ status: 'suspended', suspension_ends_on: '2026-04-09', suspension_case_id: caseId });
    });
  });

  it('should refuse to change or delete timeline rows, as the owner and as the service role', async () => {
    const { postId } = await certifiedOfficer(t);
    const { id } = await openCase(t, tokens.investigator, { postId });
    await expect(t.db.query(`UPDATE case_event SET payload = '{}' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM case_event WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE case_event CASCADE`)).rejects.toThrow(/append-only/);
    const client = await t.db.connect();
    try {
      await client.query('SET ROLE post_registry_app');
      await expect(client.query(`UPDATE case_event SET payload = '{}' WHERE case_id = $1`, [id])).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM case_event WHERE case_id = $1`, [id])).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('RESET ROLE');
      client.release();
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [id])).rows[0].n).toBe(1);
  });

  it('should replay an opening sent twice with the same Idempotency-Key and refuse the key for another body', async () => {
    const { postId } = await certifiedOfficer(t);
    const body = { postId, grounds: ['other_cause'], summary: 'Opened once' };
    const send = (b: object) => t.http().post('/api/v1/cases').set(bearer(tokens.investigator)).set('Idempotency-Key', `open-${postId}`).send(b);
    const [first, second] = await Promise.all([send(body), send(body)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect((await send({ ...body, summary: 'Something else' })).status).toBe(409);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM commission_case c JOIN officer o ON o.id = c.officer_id WHERE o.post_id = $1`, [postId])).rows[0].n,
    ).toBe(1);
  });

  describe('GET /cases', () => {
    let overdueCase: string;
    let quietCase: string;
    let postId: string;
    beforeAll(async () => {
      clock.set(NOW);
      ({ postId } = await certifiedOfficer(t));
      overdueCase = (await openCase(t, tokens.investigator, { postId })).id;
      await actAll(t, overdueCase, [
        [tokens.adjudicator, { action: 'interim_suspend', trigger: 'felony_indictment', reason: 'Indicted' }],
        [tokens.adjudicator, { action: 'record_interim_hearing', requestedOn: '2026-03-10', outcome: 'continued' }],
      ]);
      // A second later: lists are newest first.
      clock.set(new Date(NOW.getTime() + 1000));
      quietCase = (await openCase(t, tokens.investigator, { postId })).id;
    });

    const list = (query: string, token = tokens.adjudicator) => t.http().get(`/api/v1/cases?limit=500&${query}`).set(bearer(token));
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((c) => c.id);

    it('should flag a requested interim hearing only once INTERIM_HEARING_MAX_DAYS have passed, in the filter and on each case alike', async () => {
      clock.set(at('2026-03-25'));
      const onTime = await list('interimHearingOverdue=true');
      expect(onTime.status).toBe(200);
      expect(ids(onTime)).not.toContain(overdueCase);
      clock.set(at('2026-03-26'));
      const overdue = await list('interimHearingOverdue=true');
      expect(ids(overdue)).toEqual([overdueCase]);
      expect(overdue.body.items[0]).toMatchObject({ interimHearingOverdue: true, interimSuspension: { hearingRequestedOn: '2026-03-10', endedOn: null } });
      const others = await list('interimHearingOverdue=false');
      expect(ids(others)).toContain(quietCase);
      expect(ids(others)).not.toContain(overdueCase);
      expect(others.body.items.every((c: { interimHearingOverdue: boolean }) => !c.interimHearingOverdue)).toBe(true);
    });

    it('should filter by status and POST ID, newest first, without timelines, and audit the read', async () => {
      const byOfficer = await list(`postId=${postId}`, tokens.commissionAdmin);
      expect(ids(byOfficer)).toEqual([quietCase, overdueCase]);
      expect(byOfficer.body.items[0].timeline).toBeUndefined();
      expect(ids(await list(`postId=${postId}&status=dismissed`))).toEqual([]);
      expect(ids(await list('postId=MA-999995'))).toEqual([]);
      expect((await list('status=closed')).status).toBe(400);
      expect((await list('interimHearingOverdue=maybe')).status).toBe(400);
      const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE action = 'case.list' AND details ->> 'postId' = $1 ORDER BY seq`, [postId]);
      expect(rows.map((r) => r.details.caseIds)).toEqual([[quietCase, overdueCase], []]);
    });

    it('should page with a cursor', async () => {
      const first = await t.http().get(`/api/v1/cases?postId=${postId}&limit=1`).set(bearer(tokens.investigator));
      expect(ids(first)).toEqual([quietCase]);
      const second = await t.http().get(`/api/v1/cases?postId=${postId}&limit=1&cursor=${first.body.nextCursor}`).set(bearer(tokens.investigator));
      expect(ids(second)).toEqual([overdueCase]);
      expect(second.body.nextCursor).toBeNull();
    });
  });
});
