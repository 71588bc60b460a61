import { MAX_IMPORT_ROWS } from '@app/imports';
import { streamImport } from '../support/import-helpers';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * API.md "Imports": up to 2,000,000 rows a file. One more is refused as a whole, with the reason,
 * and nothing of the file is kept (issue 18 "Bad input"). The file is generated as it is sent.
 */
describe('imports: a file over the row limit (npm run test:limits)', () => {
  let t: TestApp;
  let admin: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const stored = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM data_import)::int AS imports, (SELECT count(*) FROM import_row)::int AS staged`)).rows[0];

  it(`should refuse a file of ${(MAX_IMPORT_ROWS + 1).toLocaleString('en-US')} rows, streamed, and keep nothing`, async () => {
    const before = await stored();
    function* rows() {
      yield 'sourceId,firstName,lastName,dateOfBirth\n';
      for (let start = 1; start <= MAX_IMPORT_ROWS + 1; start += 10_000) {
        let block = '';
        for (let i = start; i < start + 10_000 && i <= MAX_IMPORT_ROWS + 1; i++) block += `${i},A,B,1980-01-01\n`;
        yield block;
      }
    }
    const response = await streamImport(baseUrl, admin, 'officers', rows());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'IMPORT.TOO_MANY_ROWS', errors: [{ field: 'body', message: `more than ${MAX_IMPORT_ROWS} rows` }] });
    expect(await stored()).toEqual(before);
  }, 900_000);
});
