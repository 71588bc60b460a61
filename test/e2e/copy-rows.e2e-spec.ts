import { copyRows } from '@app/database';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/** copyRows (issue 18: an import chunk's bulk writes): COPY's text escaping, nulls, and the caller's transaction. */
describe('copyRows (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should store every value as given, tabs, newlines, backslashes and nulls included, and nothing on a rollback', async () => {
    const dataSource = t.app.get(DataSource);
    const values = ['plain', 'tab\there', 'line\nbreak\r\nand return', 'back\\slash \\N', '', 'ünïcödé ✓'];
    const stored = await dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE copy_probe (n int, text_value text, flag boolean, day date, amount numeric) ON COMMIT DROP`);
      await copyRows(
        manager,
        'copy_probe',
        ['n', 'text_value', 'flag', 'day', 'amount'],
        [...values.map((value, n) => [n, value, n % 2 === 0, '2025-07-01', 1.25]), [values.length, null, null, null, null]],
      );
      return manager.query(`SELECT n, text_value, flag, to_char(day, 'YYYY-MM-DD') AS day, amount::float8 AS amount FROM copy_probe ORDER BY n`);
    });
    expect(stored).toEqual([
      ...values.map((value, n) => ({ n, text_value: value, flag: n % 2 === 0, day: '2025-07-01', amount: 1.25 })),
      { n: values.length, text_value: null, flag: null, day: null, amount: null },
    ]);
    await expect(
      dataSource.transaction(async (manager) => {
        await copyRows(manager, 'audit_pending', ['id'], [['not a number']]);
      }),
    ).rejects.toThrow();
    await expect(copyRows(dataSource.manager, 'copy_probe', ['n'], [[1]])).rejects.toThrow(/open transaction/);
  });
});
