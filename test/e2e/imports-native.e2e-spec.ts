import { CertificationSettlementService } from '@app/certification';
import { FixedClock } from '@app/core';
import { csv, runImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Imported records act like native ones (issue 18 item 3, the gaps after the first part): an
 * in-state suspension suspends the certification until it ends; the officer's email is kept
 * (restricted); every imported final action notifies the officer (`imported_final_action`) and
 * writes its outbox events, in the chunk's transaction, and a dry run or a re-run writes none.
 */
describe('imports: imported final actions and officers act like native ones (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let hiring: string;
  const clock = new FixedClock(new Date('2025-07-01T15:00:00Z'));
  const postIds = new Map<string, string>();
  let actionsImport: string;

  const ACTIONS = csv('sourceId,officerSourceId,type,effectiveOn,endsOn,decidedOn,jurisdiction,caseReference', [
    'FA-S,N-SUS,suspension,2025-06-01,2025-09-01,2025-05-20,MA,OLD-1',
    'FA-R,N-REV,revocation,2025-02-01,,2025-01-20,MA,OLD-2',
    'FA-O,N-OUT,suspension,2025-06-01,,2025-05-01,NH,NH-7',
    'FA-P,N-PAST,suspension,2024-01-01,2024-03-01,2023-12-20,MA,OLD-3',
  ]);
  const counts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM notice)::int AS notices, (SELECT count(*) FROM outbox_event)::int AS events,
                (SELECT count(*) FROM certification_history)::int AS history`,
      )
    ).rows[0];
  const check = async (postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(hiring)).send({ postId });
    expect(response.status).toBe(201);
    return response.body.matches[0];
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.adminToken();
    hiring = await t.userToken((await t.createOrganization('agency')).id, ['agency_hiring']);
    const officers = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth,email', [
        'N-SUS,Sue,Spended,1975-01-01,Sue.Spended@Example.org',
        'N-REV,Rae,Voked,1976-01-01,',
        'N-OUT,Otis,Elsewhere,1977-01-01,',
        'N-PAST,Pat,Past,1978-01-01,',
      ]),
    );
    expect(officers).toMatchObject({ status: 'succeeded', accepted: 4 });
    const { rows } = await t.db.query(`SELECT i.source_id, o.post_id FROM import_officer i JOIN officer o ON o.id = i.officer_id WHERE i.import_id = $1`, [
      officers.id,
    ]);
    for (const row of rows) postIds.set(row.source_id, row.post_id);
    const certs = await runImport(
      t,
      admin,
      'certifications',
      csv(
        'officerSourceId,status,issuedOn,expiresOn',
        ['N-SUS', 'N-REV', 'N-OUT', 'N-PAST'].map((s) => `${s},certified,2024-01-01,2027-01-01`),
      ),
    );
    expect(certs).toMatchObject({ accepted: 4 });
  });
  afterAll(() => t.close());

  it('should keep the imported email, restricted, and lower-cased', async () => {
    const { rows } = await t.db.query(`SELECT post_id, email FROM officer WHERE post_id = ANY($1) ORDER BY last_name`, [[...postIds.values()]]);
    expect(rows.find((r) => r.post_id === postIds.get('N-SUS'))?.email).toBe('sue.spended@example.org');
    expect(rows.filter((r) => r.email !== null)).toHaveLength(1);
    const publicPage = await t.http().get(`/api/v1/public/officers/${postIds.get('N-SUS')}`);
    expect(publicPage.status).toBe(200);
    expect(JSON.stringify(publicPage.body).toLowerCase()).not.toContain('example.org');
  });

  it('should write nothing in a dry run of final actions', async () => {
    const before = await counts();
    const dry = await runImport(t, admin, 'final_actions', ACTIONS, { dryRun: true });
    expect(dry).toMatchObject({ status: 'succeeded', accepted: 4 });
    expect(await counts()).toEqual(before);
    expect((await check(postIds.get('N-SUS')!)).certificationStatus).toBe('certified');
  });

  it('should suspend the certification, notify the officer and write the events of each imported final action', async () => {
    const before = await counts();
    const done = await runImport(t, admin, 'final_actions', ACTIONS);
    actionsImport = done.id;
    expect(done).toMatchObject({ status: 'succeeded', accepted: 4, rejected: 0 });

    // An in-state suspension running today: suspended, not hireable, history naming the import.
    const suspended = await check(postIds.get('N-SUS')!);
    expect(suspended).toMatchObject({ hireable: false, certificationStatus: 'suspended' });
    const history = await t
      .http()
      .get(`/api/v1/officers/${postIds.get('N-SUS')}/certification`)
      .set(bearer(admin));
    expect(history.body.history.at(-1)).toMatchObject({ from: 'certified', to: 'suspended', basis: 'import', importId: done.id, effectiveOn: '2025-06-01' });
    expect(await check(postIds.get('N-REV')!)).toMatchObject({ hireable: false, certificationStatus: 'revoked' });
    // Another state's suspension and one already over leave this state's certification as it was.
    expect((await check(postIds.get('N-OUT')!)).certificationStatus).toBe('certified');
    expect(await check(postIds.get('N-PAST')!)).toMatchObject({ hireable: true, certificationStatus: 'certified' });

    const events = await t.db.query(`SELECT type, data FROM outbox_event ORDER BY seq OFFSET $1`, [before.events]);
    expect(events.rows).toEqual(
      expect.arrayContaining([
        { type: 'officer.certification_changed', data: { postId: postIds.get('N-SUS'), from: 'certified', to: 'suspended', effectiveOn: '2025-06-01' } },
        { type: 'officer.certification_changed', data: { postId: postIds.get('N-REV'), from: 'certified', to: 'revoked', effectiveOn: '2025-02-01' } },
        { type: 'officer.final_action', data: { postId: postIds.get('N-SUS'), type: 'suspension', effectiveOn: '2025-06-01', endsOn: '2025-09-01' } },
        { type: 'officer.final_action', data: { postId: postIds.get('N-REV'), type: 'revocation', effectiveOn: '2025-02-01', endsOn: null } },
        { type: 'officer.final_action', data: { postId: postIds.get('N-OUT'), type: 'suspension', effectiveOn: '2025-06-01', endsOn: null } },
        { type: 'officer.final_action', data: { postId: postIds.get('N-PAST'), type: 'suspension', effectiveOn: '2024-01-01', endsOn: '2024-03-01' } },
      ]),
    );
    expect(events.rows).toHaveLength(6);

    // The officer's notice: by email when an address is on file (no mail transport here), else the portal.
    for (const [sourceId, channel, status] of [
      ['N-SUS', 'email', 'no_transport'],
      ['N-OUT', 'portal', 'no_address'],
    ]) {
      const notices = await t
        .http()
        .get(`/api/v1/officers/${postIds.get(sourceId)}/notices`)
        .set(bearer(admin));
      expect(notices.status).toBe(200);
      expect(notices.body.items).toEqual([
        expect.objectContaining({ kind: 'imported_final_action', subject: { type: 'imported_final_action', id: expect.any(String) }, channel, status }),
      ]);
    }
    expect((await counts()).notices).toBe(before.notices + 4);

    // The same file again: unchanged, and no second notice or event.
    const again = await runImport(t, admin, 'final_actions', ACTIONS);
    expect(again).toMatchObject({ unchanged: 4, accepted: 0 });
    expect((await counts()).notices).toBe(before.notices + 4);
    expect((await counts()).events).toBe(before.events + 6);
  });

  it('should end the imported suspension on its end date, as a case’s', async () => {
    clock.set(new Date('2025-09-01T15:00:00Z'));
    await t.app.get(CertificationSettlementService).settleDue('2025-09-01');
    expect(await check(postIds.get('N-SUS')!)).toMatchObject({ hireable: true, certificationStatus: 'certified' });
    const history = await t
      .http()
      .get(`/api/v1/officers/${postIds.get('N-SUS')}/certification`)
      .set(bearer(admin));
    // The history is in recorded order, and this test's clock went back to 2025 after the import recorded its rows
    // at the real time: look the row up rather than expect it last.
    expect(history.body.history).toContainEqual(
      expect.objectContaining({ from: 'suspended', to: 'certified', reason: 'suspension_period_ended', effectiveOn: '2025-09-01' }),
    );
    expect(actionsImport).toBeDefined();
  });

  it('should apply an imported revocation or suspension dated after the import when its day comes, once', async () => {
    clock.set(new Date('2025-09-01T15:00:00Z'));
    const officers = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', ['F-REV,Fay,Later,1979-01-01', 'F-SUS,Finn,Later,1980-02-02']),
    );
    expect(officers).toMatchObject({ accepted: 2 });
    const { rows } = await t.db.query(`SELECT i.source_id, o.post_id FROM import_officer i JOIN officer o ON o.id = i.officer_id WHERE i.import_id = $1`, [
      officers.id,
    ]);
    for (const row of rows) postIds.set(row.source_id, row.post_id);
    const certs = await runImport(
      t,
      admin,
      'certifications',
      csv('officerSourceId,status,issuedOn,expiresOn', ['F-REV,certified,2024-01-01,2027-01-01', 'F-SUS,certified,2024-01-01,2027-01-01']),
    );
    expect(certs).toMatchObject({ accepted: 2 });
    const future = await runImport(
      t,
      admin,
      'final_actions',
      csv('sourceId,officerSourceId,type,effectiveOn,endsOn,decidedOn,jurisdiction,caseReference', [
        'FA-FR,F-REV,revocation,2025-10-01,,2025-08-20,MA,OLD-8',
        'FA-FS,F-SUS,suspension,2025-10-01,2026-01-01,2025-08-20,MA,OLD-9',
      ]),
    );
    expect(future).toMatchObject({ accepted: 2, rejected: 0 });
    // Not yet: both still certified, and a settlement before the day changes nothing.
    await t.app.get(CertificationSettlementService).settleDue('2025-09-30');
    expect(await check(postIds.get('F-REV')!)).toMatchObject({ hireable: true, certificationStatus: 'certified' });
    expect((await check(postIds.get('F-SUS')!)).certificationStatus).toBe('certified');

    clock.set(new Date('2025-10-01T15:00:00Z'));
    const first = await t.app.get(CertificationSettlementService).settleDue('2025-10-01');
    expect(first.failed).toBe(0);
    expect(await check(postIds.get('F-REV')!)).toMatchObject({ hireable: false, certificationStatus: 'revoked' });
    expect(await check(postIds.get('F-SUS')!)).toMatchObject({ hireable: false, certificationStatus: 'suspended' });
    const historyOf = async (sourceId: string) =>
      (
        await t
          .http()
          .get(`/api/v1/officers/${postIds.get(sourceId)}/certification`)
          .set(bearer(admin))
      ).body.history as { from: string; to: string; basis: string; importId?: string; effectiveOn: string }[];
    expect((await historyOf('F-REV')).filter((h) => h.to === 'revoked')).toEqual([
      expect.objectContaining({ from: 'certified', basis: 'import', importId: future.id, effectiveOn: '2025-10-01' }),
    ]);
    expect((await historyOf('F-SUS')).filter((h) => h.to === 'suspended')).toEqual([
      expect.objectContaining({ from: 'certified', basis: 'import', importId: future.id, effectiveOn: '2025-10-01' }),
    ]);
    const audit = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'certification.import_effect'`);
    expect(audit.rows).toEqual([expect.objectContaining({ details: expect.objectContaining({ basis: 'import', effects: 2 }) })]);

    // Once: a second run (or the next hour's) applies nothing again.
    const historyBefore = (await counts()).history;
    await t.app.get(CertificationSettlementService).settleDue('2025-10-01');
    expect((await counts()).history).toBe(historyBefore);
    // The suspension ends on its own end date, as a case's.
    await t.app.get(CertificationSettlementService).settleDue('2026-01-01');
    clock.set(new Date('2026-01-02T15:00:00Z'));
    expect((await check(postIds.get('F-SUS')!)).certificationStatus).toBe('certified');
    expect((await check(postIds.get('F-REV')!)).certificationStatus).toBe('revoked');
  });
});
