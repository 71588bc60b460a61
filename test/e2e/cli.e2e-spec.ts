import { FixedClock } from '@app/core';
import { AppConfig } from '@app/runtime';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { actAll, caseTokens, openCase } from '../support/case-helpers';
import { cliConfig, runCli } from '../support/cli-runner';
import { createOfficer } from '../support/factories';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

/** The commands in-process (nest-commander's CommandTestFactory) on this file's database; cli-binary.e2e-spec runs the built file. */
describe('post-registry CLI (e2e)', () => {
  let t: TestApp;
  let config: AppConfig;
  let sequence = 0;
  // The API's clock: the case dates and the lockout's end are read against it.
  const cli = (...args: string[]) => runCli(config, args, { clock: t.clock });
  const signIn = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const auditOf = async (entityId: string, action: string) =>
    (await t.db.query(`SELECT actor_kind, actor_id, organization_id, details FROM audit_log WHERE entity_id = $1 AND action = $2`, [entityId, action])).rows;

  /** A commission user made through the API, so the commands meet a user as the service writes one. */
  async function apiUser(): Promise<{ id: string; email: string }> {
    const email = `cli-user${++sequence}@example.test`;
    const response = await t
      .http()
      .post(`/api/v1/organizations/${await t.commissionId()}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['commission_investigator'] });
    expect(response.status).toBe(201);
    return { id: response.body.id, email };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-10T15:00:00.000Z')) });
    config = cliConfig(t.databaseUrl);
  });
  afterAll(() => t.close());

  describe('create-admin', () => {
    it('should create a commission administrator with a generated password printed once, who can sign in, audited as the CLI', async () => {
      const result = await cli('create-admin', '--email', 'New.Admin@Commission.test');
      expect(result).toMatchObject({ code: 0, err: '' });
      const [, id, password] =
        /^Created commission administrator new\.admin@commission\.test \(id ([0-9a-f-]{36})\) with password (\S{24}) \(shown once: sign in and store it\)\n$/.exec(
          result.out,
        ) ?? [];
      expect(password).toBeDefined();
      expect((await signIn('new.admin@commission.test', password)).status).toBe(200);
      const { rows } = await t.db.query(`SELECT u.roles, o.type FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`, [id]);
      expect(rows).toEqual([{ roles: ['commission_admin'], type: 'commission' }]);
      expect(await auditOf(id, 'user.create')).toEqual([
        {
          actor_kind: 'user',
          actor_id: 'cli',
          organization_id: await t.commissionId(),
          details: { organizationId: await t.commissionId(), email: 'new.admin@commission.test', roles: ['commission_admin'] },
        },
      ]);
    });

    it('should take a given password without printing it', async () => {
      const result = await cli('create-admin', '--email', 'chosen@commission.test', '--password', 'a-chosen-long-password');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^Created commission administrator chosen@commission\.test \(id [0-9a-f-]{36}\)\n$/);
      expect((await signIn('chosen@commission.test', 'a-chosen-long-password')).status).toBe(200);
    });

    it.each([
      [
        ['create-admin', '--email', 'weak@commission.test', '--password', 'elevenchars'],
        'post-registry: --password: The password must be at least 12 characters.\n',
      ],
      [
        // ASVS 2.1.7: long enough, but on the common-password list.
        ['create-admin', '--email', 'weak@commission.test', '--password', 'qwerty123456'],
        'post-registry: --password: The password is on a list of common or breached passwords; choose another.\n',
      ],
      [['create-admin', '--email', 'not-an-email'], 'post-registry: --email: "not-an-email" is not an email address.\n'],
      [['create-admin', '--email', 'chosen@commission.test'], 'post-registry: A user with this email already exists.\n'],
      [['create-admin'], "error: required option '--email <email>' not specified\n"],
      [['create-admin', '--email', 'x@commission.test', '--role', 'root'], "error: unknown option '--role'\n"],
      [['frobnicate'], "error: unknown command 'frobnicate'\n"],
      [['export'], 'post-registry: export what? One of: public-csv.\n'],
    ])('should refuse %j with one line and exit status 1, writing nothing', async (args, line) => {
      const users = Number((await t.db.query(`SELECT count(*) FROM app_user`)).rows[0].count);
      const result = await cli(...args);
      expect(result).toEqual({ code: 1, out: '', err: line });
      expect(Number((await t.db.query(`SELECT count(*) FROM app_user`)).rows[0].count)).toBe(users);
    });
  });

  describe('reset-password', () => {
    it('should set the given password: the old one and the tokens issued under it stop working, the new one signs in; audited as the CLI', async () => {
      const user = await apiUser();
      const token = (await signIn(user.email, USER_PASSWORD)).body.accessToken as string;
      expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      const result = await cli('reset-password', '--email', user.email.toUpperCase(), '--password', 'a-brand-new-password');
      expect(result).toEqual({ code: 0, out: `Reset the password of ${user.email}\n`, err: '' });
      expect((await signIn(user.email, USER_PASSWORD)).status).toBe(401);
      expect((await signIn(user.email, 'a-brand-new-password')).status).toBe(200);
      expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(401);
      expect(await auditOf(user.id, 'user.password_reset')).toEqual([
        { actor_kind: 'user', actor_id: 'cli', organization_id: await t.commissionId(), details: {} },
      ]);
    });

    it('should print a generated password once that signs in', async () => {
      const user = await apiUser();
      const result = await cli('reset-password', '--email', user.email);
      const [, password] = /^Reset the password of \S+ to (\S{24}) \(shown once: pass it on and have it changed\)\n$/.exec(result.out) ?? [];
      expect(result.code).toBe(0);
      expect((await signIn(user.email, password)).status).toBe(200);
    });

    it('should refuse an unknown email and a short password with one line', async () => {
      expect(await cli('reset-password', '--email', 'nobody@example.test')).toEqual({
        code: 1,
        out: '',
        err: 'post-registry: No user with email nobody@example.test.\n',
      });
      const user = await apiUser();
      expect((await cli('reset-password', '--email', user.email, '--password', 'short')).err).toBe(
        'post-registry: --password: The password must be at least 12 characters.\n',
      );
      expect((await cli('reset-password', '--email', user.email, '--password', 'Password1234')).err).toBe(
        'post-registry: --password: The password is on a list of common or breached passwords; choose another.\n',
      );
      expect((await signIn(user.email, USER_PASSWORD)).status).toBe(200);
    });
  });

  describe('unlock-user', () => {
    it('should let a user locked out by failed sign-ins sign in again, audited as the CLI', async () => {
      const user = await apiUser();
      for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(user.email, 'wrong-password-guess')).status).toBe(401);
      expect((await signIn(user.email, USER_PASSWORD)).status).toBe(401);
      expect(await cli('unlock-user', '--email', user.email)).toEqual({ code: 0, out: `Unlocked ${user.email}\n`, err: '' });
      expect((await signIn(user.email, USER_PASSWORD)).status).toBe(200);
      expect(await auditOf(user.id, 'user.unlock')).toEqual([{ actor_kind: 'user', actor_id: 'cli', organization_id: await t.commissionId(), details: {} }]);
    });

    it('should say so when the user was not locked, and refuse an unknown email', async () => {
      const user = await apiUser();
      expect((await cli('unlock-user', '--email', user.email)).out).toBe(`Unlocked ${user.email} (it was not locked; its failed sign-ins are cleared)\n`);
      expect(await cli('unlock-user', '--email', 'ghost@example.test')).toEqual({
        code: 1,
        out: '',
        err: 'post-registry: No user with email ghost@example.test.\n',
      });
    });
  });

  describe('export public-csv', () => {
    beforeAll(async () => {
      const tokens = await caseTokens(t);
      const { postId } = await createOfficer(t, { firstName: 'Philippa', lastName: 'Ormsbythwaite' });
      const retrainCase = await openCase(t, tokens.investigator, { postId });
      await actAll(t, retrainCase.id, [
        [tokens.investigator, { action: 'issue_notice', proposedSanction: 'retrain', responseDueOn: '2026-03-24' }],
        [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
        [
          tokens.adjudicator,
          { action: 'decide', sanction: 'retrain', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Retraining ordered' },
        ],
        [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
      ]);
    });

    it('should write to stdout exactly the CSV that GET /public/disciplinary-actions.csv serves', async () => {
      const http = await t.http().get('/api/v1/public/disciplinary-actions.csv');
      expect(http.text).toContain(',Philippa Ormsbythwaite,retraining,2026-03-10');
      expect(await cli('export', 'public-csv')).toEqual({ code: 0, out: http.text, err: '' });
    });

    it('should write the same file to --out and say so in one line', async () => {
      const file = join(tmpdir(), `disciplinary-actions-${process.pid}.csv`);
      try {
        const result = await cli('export', 'public-csv', '--out', file);
        const http = await t.http().get('/api/v1/public/disciplinary-actions.csv');
        expect(result).toEqual({ code: 0, out: `Wrote the public disciplinary actions (${Buffer.byteLength(http.text)} bytes of CSV) to ${file}\n`, err: '' });
        expect(readFileSync(file, 'utf8')).toBe(http.text);
      } finally {
        rmSync(file, { force: true });
      }
      expect(await cli('export', 'public-csv', '--out', '/nonexistent-dir/x.csv')).toEqual({
        code: 1,
        out: '',
        err: 'post-registry: --out: cannot write /nonexistent-dir/x.csv (ENOENT).\n',
      });
    });
  });

  // Last: it breaks this database's chain.
  describe('verify-audit', () => {
    it('should agree with GET /audit/verify, prove a saved head, and exit 1 naming the first broken entry once a row is tampered with', async () => {
      const head = (await t.http().get('/api/v1/public/audit/head')).body as { seq: number; hash: string };
      const httpCheck = (
        await t
          .http()
          .get('/api/v1/audit/verify')
          .set(bearer(await t.adminToken()))
      ).body;
      const valid = await cli('verify-audit');
      // Its own reads are not audited, so the chain is the one GET /audit/verify saw (the GET audits nothing either).
      expect(valid).toEqual({ code: 0, out: `Audit log valid: ${httpCheck.entries} entries; head ${head.seq} ${head.hash}\n`, err: '' });
      expect((await cli('verify-audit', '--known-seq', String(head.seq), '--known-hash', head.hash)).out).toContain(`saved head ${head.seq} is in the chain`);
      expect(await cli('verify-audit', '--known-seq', String(head.seq))).toEqual({
        code: 1,
        out: '',
        err: 'post-registry: --known-seq and --known-hash go together (a head saved from GET /public/audit/head).\n',
      });
      expect((await cli('verify-audit', '--known-seq', '0', '--known-hash', head.hash)).code).toBe(1);

      const wrongHead = await cli('verify-audit', '--known-seq', String(head.seq), '--known-hash', 'f'.repeat(64));
      expect(wrongHead).toEqual({
        code: 1,
        out: '',
        err: `post-registry: Audit log INVALID from entry ${head.seq}: the saved head is no longer part of the chain\n`,
      });

      const owner = new Client({ connectionString: t.databaseUrl });
      await owner.connect();
      try {
        // The owner can bypass the append-only triggers; the chain is what catches it.
        await owner.query(`SET session_replication_role = replica`);
        await owner.query(`UPDATE audit_log SET details = '{"email":"forged@example.test"}' WHERE seq = 2`);
      } finally {
        await owner.end();
      }
      expect(await cli('verify-audit')).toEqual({ code: 1, out: '', err: 'post-registry: Audit log INVALID from entry 2: content does not match its hash\n' });
      expect(
        (
          await t
            .http()
            .get('/api/v1/audit/verify')
            .set(bearer(await t.adminToken()))
        ).body,
      ).toEqual({ valid: false, firstBrokenEntry: { seq: 2, reason: 'content does not match its hash' } });
    });
  });
});
