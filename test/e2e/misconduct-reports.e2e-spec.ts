import { FixedClock } from '@app/core';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Tuesday: a complaint received on Thursday 2026-03-05 was due Monday 2026-03-09. */
const NOW = new Date('2026-03-10T15:00:00.000Z');

describe('misconduct reports, separations and grounds (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let agencyA: string;
  let agencyB: string;
  let adminA: string;
  let adminB: string;
  let hiringA: string;
  let investigator: string;
  let postId: string;
  let officerId: string;
  let employmentId: string;
  let strangerPostId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    agencyA = (await t.createOrganization('agency')).id;
    agencyB = (await t.createOrganization('agency')).id;
    adminA = await t.userToken(agencyA, ['agency_admin']);
    adminB = await t.userToken(agencyB, ['agency_admin']);
    hiringA = await t.userToken(agencyA, ['agency_hiring']);
    investigator = await t.userToken(await t.commissionId(), ['commission_investigator']);
    postId = (await createOfficer(t)).postId;
    officerId = await officerIdOf(t, postId);
    employmentId = await insertEmployment(t, officerId, agencyA, '2020-01-06');
    strangerPostId = (await createOfficer(t)).postId;
  });
  afterAll(() => t.close());

  const report = (overrides: Record<string, unknown> = {}) => ({
    postId,
    incidentDate: '2026-03-01',
    receivedOn: '2026-03-09',
    categories: ['excessive_force'],
    summary: 'Complaint of force during an arrest.',
    agencyFinding: 'pending',
    ...overrides,
  });
  const file = (body: object, token = adminA, key?: string) => {
    const request = t.http().post('/api/v1/misconduct-reports').set(bearer(token));
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const auditActions = async (entityId: string) =>
    (await t.foldAudit(), await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [entityId])).rows.map((r) => r.action as string);

  describe('POST /misconduct-reports', () => {
    it('should record a report on time with its deadline, as version 1, audited', async () => {
      const response = await file(report({ discipline: 'Written warning' }));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        postId,
        agencyId: agencyA,
        version: 1,
        incidentDate: '2026-03-01',
        receivedOn: '2026-03-09',
        filedOn: '2026-03-10',
        dueOn: '2026-03-11',
        late: false,
        categories: ['excessive_force'],
        summary: 'Complaint of force during an arrest.',
        agencyFinding: 'pending',
        discipline: 'Written warning',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      expect(await auditActions(response.body.id)).toEqual(['misconduct_report.create']);
    });

    it('should flag a report filed after REPORT_DEADLINE_BUSINESS_DAYS business days (weekend not counted)', async () => {
      const response = await file(report({ receivedOn: '2026-03-05' }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ receivedOn: '2026-03-05', dueOn: '2026-03-09', late: true });
    });

    it('should answer an officer the agency never employed exactly like an unknown POST ID, storing nothing', async () => {
      const before = await count('misconduct_report');
      const stranger = await file(report({ postId: strangerPostId }));
      const unknown = await file(report({ postId: 'MA-999998' }));
      expect([stranger.status, unknown.status]).toEqual([404, 404]);
      expect(stranger.body.code).toBe('OFFICER.NOT_FOUND');
      expect(unknown.body.code).toBe('OFFICER.NOT_FOUND');
      expect(stranger.body.detail).toBe(unknown.body.detail.replace('MA-999998', strangerPostId));
      // Another agency, for an officer it never employed, learns nothing either.
      expect((await file(report(), adminB)).status).toBe(404);
      expect(await count('misconduct_report')).toBe(before);
    });

    it.each([
      ['an unknown category', { categories: ['rudeness'] }, 'categories'],
      ['no category', { categories: [] }, 'categories'],
      ['an impossible date', { incidentDate: '2026-02-30' }, 'incidentDate'],
      ['a missing receipt date', { receivedOn: undefined }, 'receivedOn'],
      ['an unknown finding', { agencyFinding: 'guilty' }, 'agencyFinding'],
      ['an unknown field', { severity: 'high' }, 'severity'],
      ['an empty summary', { summary: '   ' }, 'summary'],
    ])('should refuse %s with 400 naming the field, storing nothing', async (_, overrides, field) => {
      const before = await count('misconduct_report');
      const response = await file(report(overrides));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count('misconduct_report')).toBe(before);
    });

    it('should refuse dates after today and a receipt before the incident with 422 and every reason', async () => {
      const before = await count('misconduct_report');
      const response = await file(report({ incidentDate: '2026-03-11', receivedOn: '2026-03-10' }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'REPORT.RULE_REFUSED', reasons: ['incident_date_in_future', 'received_before_incident'] });
      expect(await count('misconduct_report')).toBe(before);
    });

    it('should refuse roles other than agency_admin', async () => {
      expect((await file(report(), hiringA)).status).toBe(403);
      expect((await file(report(), investigator)).status).toBe(403);
    });
  });

  describe('Idempotency-Key', () => {
    it('should replay the original response for the same key and body, and refuse another body with 409', async () => {
      const before = await count('misconduct_report');
      const first = await file(report(), adminA, 'report-key-1');
      const again = await file({ ...report(), summary: 'Complaint of force during an arrest.' }, adminA, 'report-key-1');
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const different = await file(report({ summary: 'Another complaint' }), adminA, 'report-key-1');
      expect(different.status).toBe(409);
      expect(different.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      expect(await count('misconduct_report')).toBe(before + 1);
    });

    it('should create one report for parallel retries with the same key', async () => {
      const before = await count('misconduct_report');
      const responses = await Promise.all(Array.from({ length: 5 }, () => file(report(), adminA, 'report-key-parallel')));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await count('misconduct_report')).toBe(before + 1);
    });

    it('should keep keys per organization and store no key for a refused request', async () => {
      await insertEmployment(t, officerId, agencyB, '2010-01-04').then((id) =>
        t.db.query(`UPDATE employment SET end_date = '2019-12-31', separation_nature = 'resigned', under_investigation = false WHERE id = $1`, [id]),
      );
      const a = await file(report(), adminA, 'shared-key');
      const b = await file(report(), adminB, 'shared-key');
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.agencyId).toBe(agencyB);

      const refused = await file(report({ incidentDate: '2026-03-20' }), adminA, 'refused-key');
      expect(refused.status).toBe(422);
      expect((await t.db.query(`SELECT 1 FROM idempotency_key WHERE key = 'refused-key'`)).rowCount).toBe(0);
      expect((await file(report(), adminA, 'refused-key')).status).toBe(201);
    });
  });

  describe('amendments, reads and lists', () => {
    let reportId: string;
    beforeAll(async () => {
      reportId = (await file(report())).body.id;
    });

    it('should add a version and keep the old one', async () => {
      const response = await t
        .http()
        .post(`/api/v1/misconduct-reports/${reportId}/amendments`)
        .set(bearer(adminA))
        .send({ agencyFinding: 'sustained', discipline: '5-day suspension', reason: 'Internal investigation completed', expectedVersion: 1 });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id: reportId, version: 2, agencyFinding: 'sustained', discipline: '5-day suspension', receivedOn: '2026-03-09' });

      const read = await t.http().get(`/api/v1/misconduct-reports/${reportId}`).set(bearer(investigator));
      expect(read.status).toBe(200);
      expect(
        read.body.versions.map((v: { version: number; agencyFinding: string; amendmentReason: string | null }) => [
          v.version,
          v.agencyFinding,
          v.amendmentReason,
        ]),
      ).toEqual([
        [1, 'pending', null],
        [2, 'sustained', 'Internal investigation completed'],
      ]);
      expect(await auditActions(reportId)).toEqual(['misconduct_report.create', 'misconduct_report.amend', 'misconduct_report.read']);
    });

    it('should refuse a stale expectedVersion with 409 and another agency with 404, adding no version', async () => {
      const stale = await t
        .http()
        .post(`/api/v1/misconduct-reports/${reportId}/amendments`)
        .set(bearer(adminA))
        .send({ summary: 'x', reason: 'y', expectedVersion: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('REPORT.VERSION_CONFLICT');
      const other = await t.http().post(`/api/v1/misconduct-reports/${reportId}/amendments`).set(bearer(adminB)).send({ summary: 'x', reason: 'y' });
      expect(other.status).toBe(404);
      expect((await t.db.query(`SELECT count(*) FROM misconduct_report_version WHERE report_id = $1`, [reportId])).rows[0].count).toBe('2');
    });

    it('should refuse to change or delete a version, even as the table owner', async () => {
      await expect(t.db.query(`UPDATE misconduct_report_version SET summary = 'rewritten' WHERE report_id = $1`, [reportId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM misconduct_report_version WHERE report_id = $1`, [reportId])).rejects.toThrow(/append-only/);
    });

    it('should show an agency its own reports only, the commission all, and another agency none of them', async () => {
      const own = await t.http().get('/api/v1/misconduct-reports?limit=500').set(bearer(adminA));
      const other = await t.http().get(`/api/v1/misconduct-reports?postId=${postId}&limit=500`).set(bearer(adminB));
      const all = await t.http().get('/api/v1/misconduct-reports?limit=500').set(bearer(investigator));
      expect(own.status).toBe(200);
      expect(own.body.items.every((r: { agencyId: string }) => r.agencyId === agencyA)).toBe(true);
      expect(own.body.items.map((r: { id: string }) => r.id)).toContain(reportId);
      expect(other.body.items.every((r: { agencyId: string }) => r.agencyId === agencyB)).toBe(true);
      expect(all.body.items.length).toBe(await count('misconduct_report'));
      expect((await t.http().get(`/api/v1/misconduct-reports/${reportId}`).set(bearer(adminB))).status).toBe(404);
      // A POST ID filter answers the same empty page for an unknown officer and for another agency's.
      for (const query of [`postId=${strangerPostId}`, 'postId=MA-999996']) {
        const filtered = await t.http().get(`/api/v1/misconduct-reports?${query}`).set(bearer(adminA));
        expect({ query, status: filtered.status, items: filtered.body.items }).toEqual({ query, status: 200, items: [] });
      }
      expect(await auditActions(reportId)).toContain('access.refused');
    });

    it('should page with a cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
          .http()
          .get(`/api/v1/misconduct-reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(investigator));
        seen.push(...page.body.items.map((r) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await count('misconduct_report'));
    });
  });

  describe('POST /employments/:id/separation', () => {
    const separation = { endDate: '2026-03-06', nature: 'resigned', reason: 'Resigned before the internal finding', underInvestigation: true };

    it.each([
      ['an unknown nature', { nature: 'fired' }, 'nature'],
      ['a missing underInvestigation', { underInvestigation: undefined }, 'underInvestigation'],
      ['an impossible date', { endDate: '2026-02-29' }, 'endDate'],
    ])('should refuse %s with 400', async (_, overrides, field) => {
      const response = await t
        .http()
        .post(`/api/v1/employments/${employmentId}/separation`)
        .set(bearer(adminA))
        .send({ ...separation, ...overrides });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should refuse an end before the start or after today with 422', async () => {
      const early = await t
        .http()
        .post(`/api/v1/employments/${employmentId}/separation`)
        .set(bearer(adminA))
        .send({ ...separation, endDate: '2019-01-01' });
      const future = await t
        .http()
        .post(`/api/v1/employments/${employmentId}/separation`)
        .set(bearer(adminA))
        .send({ ...separation, endDate: '2026-03-11' });
      expect([early.status, future.status]).toEqual([422, 422]);
      expect(early.body.reasons).toEqual(['end_before_start']);
      expect(future.body.reasons).toEqual(['end_date_in_future']);
    });

    it('should answer another agency with 404 and change nothing', async () => {
      const response = await t.http().post(`/api/v1/employments/${employmentId}/separation`).set(bearer(adminB)).send(separation);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('EMPLOYMENT.NOT_FOUND');
      expect((await t.db.query(`SELECT end_date FROM employment WHERE id = $1`, [employmentId])).rows[0].end_date).toBeNull();
    });

    it('should record the separation with the investigation flag, audited, and refuse a second one with 409', async () => {
      const response = await t.http().post(`/api/v1/employments/${employmentId}/separation`).set(bearer(adminA)).send(separation);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        employmentId,
        postId,
        agencyId: agencyA,
        position: 'Patrol officer',
        startDate: '2020-01-06',
        endDate: '2026-03-06',
        nature: 'resigned',
        reason: 'Resigned before the internal finding',
        underInvestigation: true,
        notes: null,
      });
      const { rows } = await t.db.query(`SELECT end_date, separation_nature, under_investigation FROM employment WHERE id = $1`, [employmentId]);
      expect(rows[0]).toEqual({ end_date: '2026-03-06', separation_nature: 'resigned', under_investigation: true });
      expect(await auditActions(employmentId)).toContain('employment.separate');

      const again = await t
        .http()
        .post(`/api/v1/employments/${employmentId}/separation`)
        .set(bearer(adminA))
        .send({ ...separation, underInvestigation: false });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('EMPLOYMENT.ALREADY_SEPARATED');
      expect((await t.db.query(`SELECT under_investigation FROM employment WHERE id = $1`, [employmentId])).rows[0].under_investigation).toBe(true);
    });

    it('should still accept reports from the former employer after the separation', async () => {
      const filed = await file(report());
      expect(filed.status).toBe(201);
      const { rows } = await t.db.query(`SELECT agency_id FROM misconduct_report WHERE id = $1`, [filed.body.id]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('GET /grounds', () => {
    it('should list the 17 seeded grounds to any caller, mandatory ones with clear and convincing evidence', async () => {
      const response = await t.http().get('/api/v1/grounds').set(bearer(hiringA));
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(17);
      const mandatory = response.body.filter((g: { mandatory: boolean }) => g.mandatory);
      expect(mandatory).toHaveLength(14);
      expect(
        mandatory.every(
          (g: { standardOfProof: string; citation: string }) => g.standardOfProof === 'clear_and_convincing' && g.citation.startsWith('c. 6E §10(a)'),
        ),
      ).toBe(true);
      expect(response.body.find((g: { code: string }) => g.code === 'other_cause')).toEqual({
        code: 'other_cause',
        citation: 'c. 6E §3(a)',
        mandatory: false,
        standardOfProof: 'preponderance',
        category: 'other',
        description: expect.any(String),
      });
      expect(response.body.map((g: { code: string }) => g.code)).toEqual(
        expect.arrayContaining(['revoked_in_other_jurisdiction', 'prohibited_chokehold', 'unprofessional_conduct_pattern', 'sustained_complaints_pattern']),
      );
    });
  });
});

describe('misconduct report deadline with configured holidays (e2e)', () => {
  it('should not count a BUSINESS_HOLIDAYS day', async () => {
    const t = await startTestApp({ clock: new FixedClock(NOW), env: { BUSINESS_HOLIDAYS: '2026-03-09' } });
    try {
      const agency = (await t.createOrganization('agency')).id;
      const admin = await t.userToken(agency, ['agency_admin']);
      const { postId } = await createOfficer(t);
      await insertEmployment(t, await officerIdOf(t, postId), agency);
      const body = { postId, incidentDate: '2026-03-01', receivedOn: '2026-03-05', categories: ['bias'], summary: 'x', agencyFinding: 'pending' };
      const response = await t.http().post('/api/v1/misconduct-reports').set(bearer(admin)).send(body);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ dueOn: '2026-03-10', late: false });
    } finally {
      await t.close();
    }
  });
});
