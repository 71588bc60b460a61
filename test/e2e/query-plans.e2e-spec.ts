import { DisciplineFactsService } from '@app/discipline';
import { normalizeName } from '@app/officers';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
/* eslint-disable no-restricted-imports -- white-box: the plans of the contexts' own statements, which their indexes do not export */
import { loadForHireability } from '../../libs/certification/src/persistence/certification.store';
import { findNameCandidates } from '../../libs/officers/src/persistence/name-candidates.queries';
import { profilesByIds } from '../../libs/hiring/src/persistence/officer-profiles.queries';
import { agencyPeriodsOf } from '../../libs/public/src/persistence/public-officer.queries';
/* eslint-enable no-restricted-imports */
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The named statements whose values the planner could fold (an array's length, a name) keep
 * one generic plan per connection. PostgreSQL plans a statement's first five executions for
 * their values, then keeps a generic plan unless those looked cheaper: with `ANY($1::uuid[])`
 * and an array of fewer than ten ids, every later call was planned anew (0.3-0.5 ms each on
 * the 1M-officer bench, more than the statements took to run). pg_prepared_statements counts
 * per connection, so one query runner keeps one connection throughout.
 */
describe('query plans of named statements (e2e)', () => {
  let t: TestApp;
  let runner: QueryRunner;
  beforeAll(async () => {
    t = await startTestApp();
    runner = t.app.get(DataSource).createQueryRunner();
  });
  afterAll(async () => {
    await runner.release();
    await t.close();
  });

  const plans = async () =>
    (await runner.query(`SELECT name, custom_plans::int AS custom, generic_plans::int AS generic FROM pg_prepared_statements ORDER BY name`)) as {
      name: string;
      custom: number;
      generic: number;
    }[];

  const nameQuery = (firstName: string, lastName: string) => ({
    firstName,
    lastName,
    normalizedFirst: normalizeName(firstName),
    normalizedLast: normalizeName(lastName),
  });
  /** Each call with other values: one id, three ids, misspelt, swapped and compound names. */
  const statements: [string, (call: number) => Promise<unknown>][] = [
    ['certification-hireability', (call) => loadForHireability(runner.manager, ids(call))],
    ['public-agency-periods', (call) => agencyPeriodsOf(runner.manager, ids(call))],
    ['hiring-profiles-by-ids', (call) => profilesByIds(runner.manager, ids(call))],
    [
      'discipline-case-numbers',
      (call) =>
        t.app
          .get(DisciplineFactsService)
          .caseNumbersFor(
            { kind: 'user', id: 'plans', organizationId: null, organizationType: 'commission', roles: ['commission_admin'] },
            ids(call),
            runner.manager,
          ),
    ],
    ['discipline-cases-of-officers', (call) => t.app.get(DisciplineFactsService).factsFor(ids(call), runner.manager)],
    ['discipline-sustained-reports-of-officers', (call) => t.app.get(DisciplineFactsService).factsFor(ids(call), runner.manager)],
    [
      'hiring-name-candidates',
      (call) =>
        findNameCandidates(
          runner.manager,
          '1981-04-01',
          [nameQuery('Jan', 'Kowalsky'), nameQuery('Kowalczyk', 'Jan'), nameQuery('Jon Paul', 'Kowal Smith'), nameQuery('Xi', 'Li')][call % 4],
        ),
    ],
  ];
  const ids = (call: number) => Array.from({ length: call % 2 === 0 ? 1 : 3 }, () => randomUUID());

  it.each(statements)('%s should be planned for its values five times, then keep one generic plan', async (name, run) => {
    for (let call = 0; call < 6; call += 1) await run(call);
    const before = (await plans()).find((p) => p.name === name);
    expect(before).toBeDefined();
    for (let call = 0; call < 6; call += 1) await run(call);
    const after = (await plans()).find((p) => p.name === name);
    expect(after).toEqual({ ...before, generic: before!.generic + 6 });
  });
});
