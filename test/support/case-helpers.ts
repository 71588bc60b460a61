import { certifyBySql, createOfficer, insertEmployment, officerIdOf } from './factories';
import { bearer, TestApp } from './test-app';

/** Tokens of the commission roles that act on cases (DOMAIN.md "Cases": the investigator prosecutes, the adjudicator decides). */
export interface CaseTokens {
  investigator: string;
  adjudicator: string;
  commissionAdmin: string;
}

export async function caseTokens(t: TestApp): Promise<CaseTokens> {
  const commission = await t.commissionId();
  return {
    investigator: await t.userToken(commission, ['commission_investigator']),
    adjudicator: await t.userToken(commission, ['commission_adjudicator']),
    commissionAdmin: await t.adminToken(),
  };
}

/** An officer certified (by SQL) for 2025-01-02..2028-01-01, employed by `agencyId` when given. */
export async function certifiedOfficer(t: TestApp, agencyId?: string): Promise<{ postId: string; officerId: string }> {
  const { postId } = await createOfficer(t);
  const officerId = await officerIdOf(t, postId);
  await certifyBySql(t, officerId);
  if (agencyId) await insertEmployment(t, officerId, agencyId, '2025-01-02');
  return { postId, officerId };
}

export async function openCase(t: TestApp, token: string, body: { postId: string; grounds?: string[]; reportIds?: string[]; summary?: string }) {
  const response = await t
    .http()
    .post('/api/v1/cases')
    .set(bearer(token))
    .send({ grounds: ['unprofessional_conduct_pattern'], summary: 'Pattern of complaints', ...body });
  if (response.status !== 201) throw new Error(`open case failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; caseNumber: string; version: number; status: string };
}

export const act = (t: TestApp, token: string, caseId: string, body: Record<string, unknown>) =>
  t.http().post(`/api/v1/cases/${caseId}/actions`).set(bearer(token)).send(body);

/** Runs actions in order, each on the version the previous one produced; throws on the first non-200. */
export async function actAll(t: TestApp, caseId: string, steps: [token: string, body: Record<string, unknown>][]): Promise<Record<string, unknown>> {
  let version = Number((await t.db.query(`SELECT version FROM commission_case WHERE id = $1`, [caseId])).rows[0].version);
  let body: Record<string, unknown> = {};
  for (const [token, step] of steps) {
    const response = await act(t, token, caseId, { ...step, expectedVersion: version });
    if (response.status !== 200) throw new Error(`${String(step.action)} failed: ${response.status} ${JSON.stringify(response.body)}`);
    body = response.body;
    version = response.body.version;
  }
  return body;
}

export async function certificationOf(t: TestApp, officerId: string) {
  const { rows } = await t.db.query(`SELECT status, suspension_case_id, suspension_ends_on, revocation_case_id FROM certification WHERE officer_id = $1`, [
    officerId,
  ]);
  const history = await t.db.query(`SELECT from_status, to_status, reason, basis, case_id FROM certification_history WHERE officer_id = $1 ORDER BY id`, [
    officerId,
  ]);
  return { ...rows[0], history: history.rows } as {
    status: string;
    suspension_case_id: string | null;
    suspension_ends_on: string | null;
    revocation_case_id: string | null;
    history: { from_status: string; to_status: string; reason: string; basis: string; case_id: string | null }[];
  };
}

/** Everything an action may change: for "nothing changed" assertions. */
export async function caseSnapshot(t: TestApp, caseId: string, officerId: string) {
  const caseRow = (await t.db.query(`SELECT status, version, state FROM commission_case WHERE id = $1`, [caseId])).rows[0];
  const timeline = (await t.db.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [caseId])).rows[0].n;
  const certificationRow = (await t.db.query(`SELECT * FROM certification WHERE officer_id = $1`, [officerId])).rows[0];
  const history = (await t.db.query(`SELECT count(*)::int AS n FROM certification_history WHERE officer_id = $1`, [officerId])).rows[0].n;
  // Refusals (403/404) are audited on purpose; everything else must leave the log as it was.
  const audit = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action NOT LIKE '%refused'`)).rows[0].n;
  return { caseRow, timeline, certificationRow, history, audit };
}
