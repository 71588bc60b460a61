import { normalizeName } from '@app/officers';
import { DataSource } from 'typeorm';
/* eslint-disable no-restricted-imports -- white-box: the service's counterparts of pg_trgm and fuzzystrmatch */
import { levenshtein, trigramSimilarity, wordSimilarity } from '../../libs/officers/src/domain/name-evidence';
/* eslint-enable no-restricted-imports */
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The hiring matcher's evidence is computed in the service (issue 21, lookups at national
 * scale), where PostgreSQL computed it before: the scores must not move. Each pair below is
 * measured both ways, on the real server: pg_trgm `similarity` (a float4), fuzzystrmatch
 * `levenshtein` of `left(x, 255)`, and the best similarity of the words of 3+ letters.
 */
describe('name evidence computed in the service equals PostgreSQL’s (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const raw: [string, string][] = [
    ['John', 'Jhon'],
    ['Michael', 'Mcihael'],
    ['Kowalczyk', 'Kowalsky'],
    ['Smith', 'Schmidt'],
    ['William', 'Bill'],
    ['Van der Berg', 'Vanderberg'],
    ['Smith-Jones', 'Jones'],
    ['Garcia Lopez', 'Lopez-Garcia'],
    ['José María', 'Jose Maria'],
    ['Müller', 'Mueller'],
    ['Ng', 'Ng'],
    ['O', 'Li'],
    ['Xi', 'Li'],
    ['Jo Ann', 'Joann'],
    ['Łukasz', 'Lukasz'],
    ['Søren', 'Soren'],
    ['Zhang Wei', 'Wei Zhang'],
    ['Ðorđević', 'Djordjevic'],
    ['Henry 3', 'Henry III'],
    ['Αλέξανδρος', 'Alexandros'],
    ['Иван', 'Ivan'],
    ['Nguyễn Văn', 'Nguyen Van'],
    ['de la Cruz', 'Cruz'],
    ['A', 'B'],
    ['Aa', 'Aa Bb Cc'],
    ['Wolfeschlegelsteinhausenbergerdorff', 'Wolfeschlegelsteinhausenbergerdorf'],
    ['x'.repeat(300), `${'x'.repeat(280)}y`],
    ['Mary-Kate Olsen', 'Marykate'],
  ];
  const pairs = raw.map(([a, b]) => [normalizeName(a), normalizeName(b)] as const);

  it.each(pairs)('%s / %s: similarity, Levenshtein and word similarity as PostgreSQL computes them', async (a, b) => {
    const [row] = await t.app.get(DataSource).query<{ sim: number; dist: number; wsim: number }[]>(
      `SELECT similarity($1, $2)::float8 AS sim, levenshtein(left($1, 255), left($2, 255)) AS dist,
              CASE WHEN position(' ' in $1) > 0 OR position(' ' in $2) > 0 THEN
                (SELECT coalesce(max(similarity(s, w)), 0)::float8
                   FROM unnest(string_to_array($1, ' ')) s, unnest(string_to_array($2, ' ')) w
                  WHERE length(s) >= 3 AND length(w) >= 3)
              ELSE 0 END AS wsim`,
      [a, b],
    );
    expect({ sim: trigramSimilarity(a, b), dist: levenshtein(a, b), wsim: wordSimilarity(a, b) }).toEqual({
      sim: row.sim,
      dist: row.dist,
      wsim: row.wsim,
    });
  });
});
