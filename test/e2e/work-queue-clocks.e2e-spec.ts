import { CASE_STATUSES, caseClocksDue, CaseState, DEFAULT_CASE_CLOCKS } from '@app/discipline';
// eslint-disable-next-line no-restricted-imports -- the workflow specs' states per status, which the library does not export
import { activeInterim, caseIn, day } from '../../libs/discipline/src/domain/testing/case-fixtures';
import { createOfficer, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The work queue's case deadlines come from SQL over the stored state, each clock through its
 * partial expression index (migration 1767000050000); the rules are the pure `caseClocksDue` of
 * libs/discipline. Cases in every status, with and without each kind of interim suspension, are
 * stored as the workflow stores them, and the queue must list exactly the clocks the pure rule
 * computes, on the same days. Non-default clock lengths, so the configuration reaches both.
 */
describe('work queue case clocks = caseClocksDue (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { APPEAL_WINDOW_DAYS: '45', INTERIM_HEARING_MAX_DAYS: '10' } });
  });
  afterAll(() => t.close());

  it('lists every clock the pure rule finds due, in every case status, and no other', async () => {
    // The app's clocks, as its environment above sets them.
    const config = { ...DEFAULT_CASE_CLOCKS, appealWindowDays: 45, interimHearingMaxDays: 10 };
    const interims = {
      none: null,
      requested: activeInterim({ hearingRequestedOn: day(-1) }),
      not_requested: activeInterim(),
      held: activeInterim({ hearingRequestedOn: day(-1), hearingHeldOn: day(0), outcome: 'continued' }),
      waived: activeInterim({ hearingRequestedOn: day(-1), hearingWaived: true }),
      ended: activeInterim({ hearingRequestedOn: day(-1), endedOn: day(0), endedBy: 'lifted' }),
    };
    const states: CaseState[] = [];
    for (const status of CASE_STATUSES) for (const interimSuspension of Object.values(interims)) states.push(caseIn(status, { interimSuspension }));
    states.push(caseIn('notice_issued', { response: { recordedOn: day(-50), hearingRequested: false, waivesHearing: false } }));

    const { postId } = await createOfficer(t);
    const officerId = await officerIdOf(t, postId);
    const expected: { id: string; reason: string; dueOn: string }[] = [];
    for (const [i, state] of states.entries()) {
      const { status, version, ...stored } = state;
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO commission_case (case_number, officer_id, status, version, summary, state, opened_by)
         VALUES ($1, $2, $3, $4, 'Clock check', $5, 'test') RETURNING id`,
        [`2099-${String(i + 1).padStart(6, '0')}`, officerId, status, version, JSON.stringify(stored)],
      );
      for (const due of caseClocksDue(state, config)) expected.push({ id: rows[0].id, reason: due.clock, dueOn: due.dueOn });
    }
    // Every clock occurs, so the comparison covers each part of the queue.
    expect(new Set(expected.map((e) => e.reason))).toEqual(new Set(['response_due', 'hearing', 'interim_hearing', 'appeal_window']));

    const response = await t
      .http()
      .get('/api/v1/work-queue?limit=500')
      .set(bearer(await t.adminToken()));
    expect(response.status).toBe(200);
    const listed = (response.body.items as { kind: string; reason: string; dueOn: string; subject: { id: string } }[])
      .filter((item) => item.kind === 'case_deadline')
      .map((item) => ({ id: item.subject.id, reason: item.reason, dueOn: item.dueOn }));
    const order = (a: { id: string; reason: string }, b: { id: string; reason: string }) => (`${a.id}/${a.reason}` < `${b.id}/${b.reason}` ? -1 : 1);
    expect([...listed].sort(order)).toEqual([...expected].sort(order));
  });
});
