import type { AuditService } from '@app/audit';
import type { Actor } from '@app/core';
import type { DataSource } from 'typeorm';
import { HiringCheckRecorder } from './hiring-check.recorder';
import type { NewHiringCheck } from './persistence/hiring-check.store';

const actor: Actor = { kind: 'user', id: 'u1', organizationId: 'agency-1', organizationType: 'agency', roles: ['agency_hiring'] };
const check = (postId: string): NewHiringCheck => ({
  agencyId: 'agency-1',
  actor,
  checkedAt: new Date(),
  query: { postId },
  matches: [],
  matchedOfficerIds: [],
});

/** A fake database: each transaction records the POST IDs it inserted; `fail` decides per transaction. */
function fakes(fail: (postIds: string[]) => Error | null = () => null) {
  const transactions: string[][] = [];
  const audited: string[] = [];
  let attempts = 0;
  const dataSource = {
    transaction: async (work: (manager: unknown) => Promise<unknown>) => {
      attempts++;
      let postIds: string[] = [];
      // A transaction's manager: statements go to its connection (as named prepared statements).
      const connection = {
        query: ({ values }: { name: string; text: string; values: unknown[] }) => {
          postIds = values
            .filter((p): p is string => typeof p === 'string' && p.startsWith('{"postId"'))
            .map((p) => (JSON.parse(p) as { postId: string }).postId);
          const error = fail(postIds);
          return error ? Promise.reject(error) : Promise.resolve({ rows: [] });
        },
      };
      const manager = { queryRunner: { isReleased: false, connect: () => Promise.resolve(connection) } };
      await new Promise((resolve) => setImmediate(resolve));
      const result = await work(manager);
      transactions.push(postIds);
      return result;
    },
  } as unknown as DataSource;
  const audit = {
    recordMany: (_m: unknown, entries: { record: { entityId: string } }[]) => {
      audited.push(...entries.map((entry) => entry.record.entityId));
      return Promise.resolve();
    },
  } as unknown as AuditService;
  return { recorder: new HiringCheckRecorder(dataSource, audit), transactions, audited, attempts: () => attempts };
}

describe('HiringCheckRecorder (group commit of checks and their audit entries)', () => {
  it('writes the checks that arrive while a transaction runs together in the next one, each with its audit entry', async () => {
    const { recorder, transactions, audited } = fakes();
    const ids = await Promise.all(['MA-000001', 'MA-000002', 'MA-000003'].map((p) => recorder.record(check(p))));
    expect(transactions).toEqual([['MA-000001'], ['MA-000002', 'MA-000003']]);
    expect(new Set(ids).size).toBe(3);
    expect(audited).toEqual(ids);
  });

  it('retries a failed batch one check at a time, so one bad check fails alone', async () => {
    const { recorder } = fakes((postIds) => (postIds.includes('MA-000003') ? new Error('check violation') : null));
    const first = recorder.record(check('MA-000001'));
    const results = await Promise.allSettled([first, recorder.record(check('MA-000002')), recorder.record(check('MA-000003'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('fails every queued check at once when the database is unavailable', async () => {
    const unavailable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { recorder, attempts } = fakes(() => unavailable);
    const results = await Promise.allSettled(['MA-000001', 'MA-000002', 'MA-000003'].map((p) => recorder.record(check(p))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // One attempt, not one more per queued check (each would wait out the connection timeout).
    expect(attempts()).toBe(1);
  });
});
