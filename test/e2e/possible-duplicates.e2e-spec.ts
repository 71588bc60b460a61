import { createOfficer } from '../support/factories';
import { csv, runImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** GET /officers/possible-duplicates and dismiss (API.md "Identity changes and merges"). */
describe('possible duplicates (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let investigator: string;
  let agencyAdmin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    investigator = await t.userToken(await t.commissionId(), ['commission_investigator']);
    agencyAdmin = await t.userToken((await t.createOrganization('agency')).id, ['agency_admin']);
  });
  afterAll(() => t.close());

  const list = (token: string, query = '') => t.http().get(`/api/v1/officers/possible-duplicates${query}`).set(bearer(token));
  const dismiss = (token: string, id: string, body: object) =>
    t.http().post(`/api/v1/officers/possible-duplicates/${id}/dismiss`).set(bearer(token)).send(body);

  it('should list a pair created with confirmDistinct for the commission, dismiss it with a reason once, and refuse others', async () => {
    const first = await createOfficer(t, { firstName: 'Margaret', lastName: 'Whitcombe', dateOfBirth: '1981-04-05' });
    const refused = await t.http().post('/api/v1/officers').set(bearer(admin)).send({ firstName: 'Margret', lastName: 'Whitcombe', dateOfBirth: '1981-04-05' });
    expect(refused.status).toBe(409);
    expect(await list(admin).then((r) => r.body.items)).toEqual([]);

    const second = await createOfficer(t, { firstName: 'Margret', lastName: 'Whitcombe', dateOfBirth: '1981-04-05' });
    const listed = await list(investigator);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [
        {
          id: expect.any(String),
          source: 'confirm_distinct',
          status: 'open',
          importId: null,
          matchScore: expect.any(Number),
          createdAt: expect.any(String),
          resolutionReason: null,
          resolvedAt: null,
          officers: [
            { postId: second.postId, name: 'Margret Whitcombe' },
            { postId: first.postId, name: 'Margaret Whitcombe' },
          ],
        },
      ],
      nextCursor: null,
    });
    const id = listed.body.items[0].id;

    expect((await list(agencyAdmin)).status).toBe(403);
    expect((await dismiss(investigator, id, { reason: 'x' })).status).toBe(403);
    expect((await dismiss(admin, id, {})).status).toBe(400);
    expect((await dismiss(admin, id, { reason: 'twins', extra: 1 })).status).toBe(400);
    expect((await dismiss(admin, '00000000-0000-4000-8000-000000000000', { reason: 'twins' })).status).toBe(404);

    const dismissed = await dismiss(admin, id, { reason: 'Twins: different SSN digits on file.' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ id, status: 'dismissed', resolutionReason: 'Twins: different SSN digits on file.', resolvedAt: expect.any(String) });
    expect((await list(admin)).body.items).toEqual([]);
    const again = await dismiss(admin, id, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POSSIBLE_DUPLICATE.RESOLVED');

    const { rows } = await t.db.query(`SELECT action, details FROM audit_log WHERE action = 'possible_duplicate.dismiss' AND entity_id = $1`, [id]);
    expect(rows).toEqual([{ action: 'possible_duplicate.dismiss', details: expect.objectContaining({ reason: 'Twins: different SSN digits on file.' }) }]);
  });

  it('should list a pair an officers import flagged, with the import, and none for a dry run', async () => {
    const existing = await createOfficer(t, { firstName: 'Cornelius', lastName: 'Vandermeer', dateOfBirth: '1968-08-08' });
    const header = 'sourceId,firstName,middleName,lastName,suffix,dateOfBirth,ssnLast4,aliases,postId';
    const dry = await runImport(t, admin, 'officers', csv(header, ['SRC-9,Cornelis,,Vandermeer,,1968-08-08,,,']), { dryRun: true });
    expect(dry).toMatchObject({ status: 'succeeded', flagged: 1 });
    expect((await list(admin)).body.items.filter((p: { source: string }) => p.source === 'import')).toEqual([]);

    const done = await runImport(t, admin, 'officers', csv(header, ['SRC-1,Cornelis,,Vandermeer,,1968-08-08,,,']));
    expect(done).toMatchObject({ status: 'succeeded', accepted: 1, flagged: 1 });
    const imported = (await list(admin)).body.items.filter((p: { source: string }) => p.source === 'import');
    expect(imported).toEqual([
      expect.objectContaining({
        importId: done.id,
        officers: [expect.objectContaining({ name: 'Cornelis Vandermeer' }), { postId: existing.postId, name: 'Cornelius Vandermeer' }],
      }),
    ]);
    await dismiss(admin, imported[0].id, { reason: 'Brothers' });
  });

  it('should page the open pairs oldest first', async () => {
    for (const lastName of ['Abernathy', 'Boatwright', 'Castellano']) {
      await createOfficer(t, { firstName: 'Theodore', lastName, dateOfBirth: '1975-02-03' });
      await createOfficer(t, { firstName: 'Theodor', lastName, dateOfBirth: '1975-02-03' });
    }
    const first = await list(admin, '?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await list(admin, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((p: { officers: { name: string }[] }) => p.officers[0].name)).toEqual([
      'Theodor Abernathy',
      'Theodor Boatwright',
      'Theodor Castellano',
    ]);
  });
});
