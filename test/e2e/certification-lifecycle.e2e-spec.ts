import { AuditService } from '@app/audit';
import { CaseCertificationEffect, CertificationCaseEffectsService, CertificationService, CertificationSettlementService } from '@app/certification';
import { Actor, FixedClock } from '@app/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCourse, createOfficer, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The certification's integrity: append-only history, races, rollbacks, the public API
 * other contexts call (case effects, hireability) and what the daily job records.
 */
describe('certification lifecycle (e2e)', () => {
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  let t: TestApp;
  let adjudicator: string;
  let registrar: string;
  let basicCourse: string;
  let inServiceCourse: string;
  let service: CertificationService;
  let caseEffects: CertificationCaseEffectsService;
  let settlement: CertificationSettlementService;
  let dataSource: DataSource;
  let actor: Actor;

  interface TestOfficer {
    id: string;
    postId: string;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const commissionId = await t.commissionId();
    adjudicator = await t.userToken(commissionId, ['commission_adjudicator']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    basicCourse = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
    inServiceCourse = (await createCourse(t, { kind: 'in_service', hours: 120 })).code;
    service = t.app.get(CertificationService);
    caseEffects = t.app.get(CertificationCaseEffectsService);
    settlement = t.app.get(CertificationSettlementService);
    dataSource = t.app.get(DataSource);
    actor = { kind: 'user', id: randomUUID(), organizationId: commissionId, organizationType: 'commission', roles: ['commission_adjudicator'] };
  });
  afterAll(() => t.close());

  const url = (officer: TestOfficer, suffix = '') => `/api/v1/officers/${officer.postId}/certification${suffix}`;
  const post = (officer: TestOfficer, suffix: string, body?: object) => t.http().post(url(officer, suffix)).set(bearer(adjudicator)).send(body);
  const read = async (officer: TestOfficer) => (await t.http().get(url(officer)).set(bearer(adjudicator))).body;
  /** The licence on the officer's restricted record: the same effective-status rule as the certification's own read. */
  const recordLicence = async (officer: TestOfficer) => (await t.http().get(`/api/v1/officers/${officer.postId}`).set(bearer(adjudicator))).body.certification;
  const history = async (officer: TestOfficer) =>
    (
      await t.db.query(
        `SELECT from_status, to_status, reason, basis, case_id, actor_id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on
           FROM certification_history WHERE officer_id = $1 ORDER BY id`,
        [officer.id],
      )
    ).rows;
  const storedStatus = async (officer: TestOfficer) =>
    (await t.db.query(`SELECT status, version FROM certification WHERE officer_id = $1`, [officer.id])).rows[0];
  const applyEffect = (officer: TestOfficer, caseId: string, effect: CaseCertificationEffect) =>
    dataSource.transaction((manager) => caseEffects.applyCaseEffect(manager, actor, officer.id, caseId, effect, clock.today()));

  /** Born in November, certified 2025-08-15 (term to 2028-11-01); `inServiceHours` passed in the term. */
  async function certifiedOfficer(inServiceHours = 0): Promise<TestOfficer> {
    const { postId } = await createOfficer(t, { dateOfBirth: '1990-11-20' }, adjudicator);
    const officer = { postId, id: await officerIdOf(t, postId) };
    await recordCompletion(t, registrar, { postId, courseCode: basicCourse, completedOn: '2025-06-30', hours: 800 });
    if (inServiceHours > 0) await recordCompletion(t, registrar, { postId, courseCode: inServiceCourse, completedOn: '2026-01-10', hours: inServiceHours });
    expect((await post(officer, '', { effectiveOn: '2025-08-15' })).status).toBe(201);
    return officer;
  }

  it('should keep the history append-only: the app role lacks the grants, and the owner is refused by the trigger', async () => {
    const officer = await certifiedOfficer();
    expect((await post(officer, '/transitions', { action: 'accept_relinquishment', disclosures: 'none' })).status).toBe(200);
    const client = await t.db.connect();
    try {
      await client.query('SET ROLE post_registry_app');
      for (const table of ['certification_history', 'relinquishment_disclosure']) {
        await expect(client.query(`UPDATE ${table} SET officer_id = officer_id WHERE officer_id = $1`, [officer.id])).rejects.toThrow(/permission denied/);
        await expect(client.query(`DELETE FROM ${table} WHERE officer_id = $1`, [officer.id])).rejects.toThrow(/permission denied/);
      }
      await client.query('RESET ROLE');
      for (const table of ['certification_history', 'relinquishment_disclosure']) {
        await expect(client.query(`UPDATE ${table} SET officer_id = officer_id WHERE officer_id = $1`, [officer.id])).rejects.toThrow(/append-only/);
        await expect(client.query(`DELETE FROM ${table} WHERE officer_id = $1`, [officer.id])).rejects.toThrow(/append-only/);
        await expect(client.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
      }
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      client.release();
    }
    expect(await history(officer)).toHaveLength(2);
  });

  it('should let exactly one of several parallel renewals through, with one history row', async () => {
    const officer = await certifiedOfficer(120);
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => post(officer, '/renewal')))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 422, 422, 422]);
    expect((await history(officer)).filter((row) => row.reason === 'renewal')).toHaveLength(1);
    expect(await read(officer)).toMatchObject({ issuedOn: '2028-11-01', expiresOn: '2031-11-01' });
  });

  it('should let exactly one of several parallel administrative suspensions through', async () => {
    const officer = await certifiedOfficer();
    const responses = await Promise.all([1, 2, 3, 4].map(() => post(officer, '/transitions', { action: 'admin_suspend', reason: 'failure_to_report' })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 422, 422, 422]);
    expect((await history(officer)).filter((row) => row.to_status === 'admin_suspended')).toHaveLength(1);
  });

  it('should leave no history, state change or audit entry when the transaction fails midway', async () => {
    const officer = await certifiedOfficer();
    const before = await storedStatus(officer);
    const spy = jest.spyOn(t.app.get(AuditService), 'record').mockRejectedValueOnce(new Error('disk full'));
    try {
      expect((await post(officer, '/transitions', { action: 'inactivate' })).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(await storedStatus(officer)).toEqual(before);
    expect((await history(officer)).map((row) => row.to_status)).toEqual(['certified']);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'certification.inactivate'`, [officer.id]);
    expect(audit.rows).toEqual([]);
  });

  describe('case effects and hireability (the API libs/discipline and libs/hiring call)', () => {
    const interim: CaseCertificationEffect = { type: 'suspend', endsOn: null, reason: 'interim_suspension', basis: 'c. 6E §9' };

    it('should suspend, recast, revoke and reverse by a case, naming it in the history', async () => {
      const officer = await certifiedOfficer();
      const caseId = randomUUID();
      expect(await applyEffect(officer, caseId, interim)).toEqual({ from: 'certified', to: 'suspended' });
      expect(await read(officer)).toMatchObject({ status: 'suspended', suspensionEndsOn: null });
      const verdict = (await service.evaluateHireability([officer.id], clock.today())).get(officer.id);
      expect(verdict).toMatchObject({ hireable: false, reasons: [{ code: 'suspended', since: '2026-03-01', endsOn: null, caseId }] });
      expect((await post(officer, '', {})).body.reasons).toEqual(['currently_suspended']);

      // Another case may not suspend on top; the same case's decision replaces the end date.
      await expect(applyEffect(officer, randomUUID(), interim)).rejects.toMatchObject({ code: 'CERTIFICATION.ILLEGAL_TRANSITION' });
      const decided: CaseCertificationEffect = { type: 'suspend', endsOn: '2026-09-01', reason: 'decision', basis: 'c. 6E §10(b)' };
      expect(await applyEffect(officer, caseId, decided)).toEqual({ from: 'suspended', to: 'suspended' });
      expect(await read(officer)).toMatchObject({ status: 'suspended', suspensionEndsOn: '2026-09-01' });

      expect(await applyEffect(officer, caseId, { type: 'revoke', reason: 'appeal_upheld', basis: 'c. 6E §10(a)' })).toEqual({
        from: 'suspended',
        to: 'revoked',
      });
      expect((await post(officer, '', {})).body.reasons).toEqual(['previously_revoked']);
      expect((await service.evaluateHireability([officer.id], clock.today())).get(officer.id)?.reasons).toEqual([
        { code: 'revoked', since: '2026-03-01', caseId },
      ]);

      const reverse: CaseCertificationEffect = { type: 'reverse_decision', reason: 'appeal_reversed', basis: 'c. 30A §14(7)' };
      expect(await applyEffect(officer, caseId, reverse)).toEqual({ from: 'revoked', to: 'certified' });
      // Nothing of the case is left to undo: no change, no row.
      expect(await applyEffect(officer, caseId, reverse)).toEqual({ from: 'certified', to: 'certified' });

      expect(await history(officer)).toEqual([
        expect.objectContaining({ to_status: 'certified', case_id: null }),
        expect.objectContaining({
          from_status: 'certified',
          to_status: 'suspended',
          reason: 'interim_suspension',
          basis: 'c. 6E §9',
          case_id: caseId,
          actor_id: actor.id,
        }),
        expect.objectContaining({ from_status: 'suspended', to_status: 'suspended', reason: 'decision', case_id: caseId }),
        expect.objectContaining({ from_status: 'suspended', to_status: 'revoked', basis: 'c. 6E §10(a)', case_id: caseId }),
        expect.objectContaining({ from_status: 'revoked', to_status: 'certified', reason: 'appeal_reversed', case_id: caseId }),
      ]);
      // The writes' entries (every read of the detail is audited too, as certification.read).
      const actions = await t.db.query(
        `SELECT action FROM audit_log WHERE entity_type = 'certification' AND entity_id = $1 AND action <> 'certification.read' ORDER BY seq`,
        [officer.id],
      );
      expect(actions.rows.map((r) => r.action)).toEqual([
        'certification.certify',
        'certification.case_suspend',
        'certification.case_suspend',
        'certification.case_revoke',
        'certification.case_reverse_decision',
      ]);
      const locked = await dataSource.transaction((manager) => service.lockAndEvaluateHireability(manager, officer.id, clock.today()));
      expect(locked).toMatchObject({ status: 'certified', hireable: true, reasons: [], firstCertifiedOn: '2025-08-15', previouslyRelinquished: false });
    });

    it('should read an officer without a certification row as not_certified and create the row when locking', async () => {
      const officer = await certifiedOfficer();
      const { postId } = await createOfficer(t, { dateOfBirth: '1980-05-05' }, adjudicator);
      const bare = { postId, id: await officerIdOf(t, postId) };
      await t.db.query(`DELETE FROM certification WHERE officer_id = $1`, [bare.id]);
      const verdicts = await service.evaluateHireability([bare.id, officer.id], clock.today());
      expect(verdicts.get(bare.id)).toMatchObject({ status: 'not_certified', hireable: false, reasons: [{ code: 'not_certified' }] });
      expect(verdicts.get(officer.id)).toMatchObject({ status: 'certified', hireable: true });
      await dataSource.transaction((manager) => service.lockAndEvaluateHireability(manager, bare.id, clock.today()));
      expect(await storedStatus(bare)).toEqual({ status: 'not_certified', version: 1 });
    });
  });

  describe('what time does (runs last: it moves the clock)', () => {
    afterAll(() => clock.set(new Date('2026-03-01T12:00:00Z')));

    it('should read an ended suspension and an expired term before the daily job, and record them when it runs', async () => {
      const officer = await certifiedOfficer();
      const caseId = randomUUID();
      await applyEffect(officer, caseId, { type: 'suspend', endsOn: '2026-06-01', reason: 'decision', basis: 'c. 6E §10(b)' });

      clock.set(new Date('2026-05-31T12:00:00Z'));
      expect(await recordLicence(officer)).toEqual({ status: 'suspended', issuedOn: '2025-08-15', expiresOn: '2028-11-01', disputed: false });

      clock.set(new Date('2026-06-01T12:00:00Z'));
      expect((await read(officer)).status).toBe('certified');
      expect(await recordLicence(officer)).toEqual({ status: 'certified', issuedOn: '2025-08-15', expiresOn: '2028-11-01', disputed: false });
      expect((await storedStatus(officer)).status).toBe('suspended');
      expect((await settlement.settleDue()).failed).toBe(0);
      expect((await storedStatus(officer)).status).toBe('certified');

      clock.set(new Date('2028-11-01T12:00:00Z'));
      expect(await read(officer)).toMatchObject({ status: 'lapsed', expiresOn: '2028-11-01' });
      expect(await recordLicence(officer)).toEqual({ status: 'lapsed', issuedOn: '2025-08-15', expiresOn: '2028-11-01', disputed: false });
      expect((await storedStatus(officer)).status).toBe('certified');
      const verdict = (await service.evaluateHireability([officer.id], clock.today())).get(officer.id);
      expect(verdict).toMatchObject({ status: 'lapsed', hireable: false, reasons: [{ code: 'lapsed', since: '2028-11-01' }] });

      const result = await settlement.settleDue();
      expect(result.failed).toBe(0);
      expect(result.settled).toBeGreaterThanOrEqual(1);
      expect((await storedStatus(officer)).status).toBe('lapsed');
      expect((await history(officer)).slice(-2)).toEqual([
        expect.objectContaining({
          from_status: 'suspended',
          to_status: 'certified',
          reason: 'suspension_period_ended',
          case_id: caseId,
          actor_id: 'system',
          effective_on: '2026-06-01',
        }),
        expect.objectContaining({ from_status: 'certified', to_status: 'lapsed', reason: 'term_expired', actor_id: 'system', effective_on: '2028-11-01' }),
      ]);
      const settle = await t.db.query(`SELECT actor_kind FROM audit_log WHERE entity_id = $1 AND action = 'certification.settle'`, [officer.id]);
      expect(settle.rows).toEqual([{ actor_kind: 'system' }, { actor_kind: 'system' }]);

      // Idempotent: a second run finds nothing left for this officer.
      const rowsBefore = (await history(officer)).length;
      await settlement.settleDue();
      expect(await history(officer)).toHaveLength(rowsBefore);
      expect((await read(officer)).history.at(-1)).toMatchObject({ from: 'certified', to: 'lapsed', reason: 'term_expired' });
    });
  });
});
