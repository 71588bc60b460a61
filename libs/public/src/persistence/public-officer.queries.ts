import type { IsoDate } from '@app/core';
import { standingSnapshotSql } from '@app/certification';
import { anyOfArrayParameter, preparedQuery, survivorSql } from '@app/database';
import { alternativeRuleScoreSql, soundPairsSql } from '@app/officers';
import { casesSnapshotSql, publishedFinalActionExistsSql } from '@app/discipline';
import { EntityManager } from 'typeorm';
import type { PublicAgencyPeriod } from '../domain/public-record';
import type { PublicSearchCursor } from '../domain/public-name-query';

/** The identity columns the public may see; date of birth and SSN are never selected. */
export interface ListedOfficerRow {
  id: string;
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
}

interface RawOfficer {
  id: string;
  post_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
}

const PUBLIC_COLUMNS = `o.id, o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix`;
const toRow = (r: RawOfficer): ListedOfficerRow => ({
  id: r.id,
  postId: r.post_id,
  firstName: r.first_name,
  middleName: r.middle_name,
  lastName: r.last_name,
  suffix: r.suffix,
});

/**
 * 555 CMR 8.06(3): everyone who served or was certified since the registry started. A
 * recruit enrolled by an academy and never certified nor employed is not listed; any
 * status beyond `not_certified` (a revocation included) means a certification existed.
 */
const SERVED_OR_CERTIFIED = `(EXISTS (SELECT 1 FROM certification c WHERE c.officer_id = o.id AND (c.first_certified_on IS NOT NULL OR c.status <> 'not_certified'))
              OR EXISTS (SELECT 1 FROM employment e WHERE e.officer_id = o.id))`;

/**
 * Listed: served or certified, or anyone with a final public order (c. 6E §13: the order is
 * public; the export lists it, so the page and the search must too: nothing final is hidden).
 * Only a published order: a final reprimand or "no action" against a recruit must not make the
 * recruit's name public, for that alone would disclose the case. The condition is discipline's
 * (`publishedFinalActionExistsSql`), last, so that listed officers never reach it. The officer
 * page tests it on the final actions of the cases its statement reads anyway: a third subplan
 * there cost ~27 µs of PostgreSQL CPU a page.
 */
const LISTED = `(${SERVED_OR_CERTIFIED} OR ${publishedFinalActionExistsSql('o.id')})`;

/**
 * How close a query must be: `word_similarity` (the query against the closest run of
 * words in the name: "smith" finds "John Smithson", "ka" every "Kate" and "Karl") or
 * whole-name `similarity` (swapped and misspelled full names). Both go through the GIN
 * trigram index on `officer_name.normalized_full`; aliases match too, the current name shows.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.5;
export const SIMILARITY_THRESHOLD = 0.3;

/**
 * Narrower searches tried first, strictest first: at step `t` a name is found when its word
 * or whole-name similarity reaches `t`, so it ranks 1000·t or more; a name not found has both
 * below `t`, so ranks 1000·t at most (`round`).
 */
const NARROW_STEPS = [0.7, WORD_SIMILARITY_THRESHOLD];

/**
 * One page of listed officers matching `normalizedName`, ordered by rank (0..1000, the best
 * similarity over the officer's names) then POST ID: a keyset, so pages neither repeat
 * nor skip when officers are added meanwhile. Run inside a transaction: the thresholds are
 * transaction-local settings. The name is always a bind parameter, never SQL text.
 *
 * In steps, same answer. The search admits every name sharing a few trigrams with the query
 * (word similarity 0.5 or whole-name similarity 0.3): for a common name at national scale,
 * tens of thousands of index candidates, each read, rechecked and ranked (~300 ms for "Wei
 * Kowalsky" among 1M officers, ~850 ms for "Anna Smith"). So narrower searches go first: when
 * one fills the page and its last officer ranks above 1000·t, no officer it left out could be
 * on the page (they rank 1000·t at most, and an officer's rank is the best of its names), and
 * the wider steps are skipped. Otherwise the next step runs: an empty search costs a few
 * cheap passes instead of one.
 */
export async function searchListedOfficers(
  manager: EntityManager,
  normalizedName: string,
  after: PublicSearchCursor | undefined,
  limit: number,
): Promise<(ListedOfficerRow & { rank: number })[]> {
  if (normalizedName.includes(' ')) {
    const bySound = await soundKeyPage(manager, normalizedName, after, limit);
    // The path depends on the query alone, never on the page: a later page that the sound-alikes
    // no longer fill ends the list instead of switching to the trigram search's other order.
    if (bySound.length > 0 || (after !== undefined && (await soundKeyPage(manager, normalizedName, undefined, 1)).length > 0)) return bySound;
  }
  for (const threshold of NARROW_STEPS) {
    const page = await matchingPage(manager, normalizedName, after, limit, { word: threshold, whole: threshold });
    if (page.length === limit && page[limit - 1].rank > Math.round(1000 * threshold)) return page;
  }
  return matchingPage(manager, normalizedName, after, limit, { word: WORD_SIMILARITY_THRESHOLD, whole: SIMILARITY_THRESHOLD });
}

/**
 * Surname-first (issue 21): the listed officers with a name whose family and given names have
 * the double-metaphone codes of two of the query's words (either order: "Kowalsky Wei" too),
 * through the btree `officer_name_sound_cover` on the stored codes (which includes what is ranked:
 * no heap page per name), kept only when they also pass the trigram search's thresholds, ranked
 * and paged as it ranks them. A two-word query that sounds like a registered name is answered
 * from those few hundred rows; otherwise the trigram search below runs. Each name's two
 * similarities are computed once (`OFFSET 0` keeps the planner from copying the expressions into
 * the filter and the aggregate, which computed them twice: ~8 of the ~11 ms of a search, EXPLAIN
 * ANALYZE on the 1M-officer bench). The hiring check's rules for given names trigrams cannot see
 * (issue 21, "Names still missed") widen the pairs and admit a name below the thresholds: a
 * nickname ("Bill" finds William) or two adjacent letters swapped ("Jhon" finds John), each
 * word's alternatives looked up once (`soundPairsSql`), scored per candidate as the hiring check
 * scores them (`alternativeRuleScoreSql`), never a function scan of the table.
 */
const SOUND_KEY_PAGE_SQL = `
  WITH ${soundPairsSql('$1')}
  SELECT ${PUBLIC_COLUMNS}, hits.rank
    FROM (SELECT m.officer_id, m.post_id, max(round(1000 * greatest(m.ws, m.s, m.alt)))::int AS rank
            FROM (SELECT n.officer_id, n.post_id, word_similarity($1, n.normalized_full) AS ws, similarity(n.normalized_full, $1) AS s,
                         ${alternativeRuleScoreSql('n', 'p')} AS alt
                    FROM pairs p
                    JOIN officer_name n ON n.last_code = p.last_code AND n.first_code = p.first_code
                  OFFSET 0) m
           WHERE m.ws >= ${WORD_SIMILARITY_THRESHOLD} OR m.s >= ${SIMILARITY_THRESHOLD} OR m.alt IS NOT NULL
           GROUP BY m.officer_id, m.post_id
           ORDER BY rank DESC, m.post_id) hits
    JOIN officer o ON o.id = hits.officer_id
   WHERE ${LISTED}
     AND ($2::int IS NULL OR hits.rank < $2 OR (hits.rank = $2 AND hits.post_id > $3))
   ORDER BY hits.rank DESC, hits.post_id
   LIMIT $4`;

async function soundKeyPage(
  manager: EntityManager,
  normalizedName: string,
  after: PublicSearchCursor | undefined,
  limit: number,
): Promise<(ListedOfficerRow & { rank: number })[]> {
  const rows = await preparedQuery<RawOfficer & { rank: number }>(manager, 'public-search-sound-key', SOUND_KEY_PAGE_SQL, [
    normalizedName,
    after?.rank ?? null,
    after?.postId ?? null,
    limit,
  ]);
  return rows.map((r) => ({ ...toRow(r), rank: r.rank }));
}

async function matchingPage(
  manager: EntityManager,
  normalizedName: string,
  after: PublicSearchCursor | undefined,
  limit: number,
  thresholds: { word: number; whole: number },
): Promise<(ListedOfficerRow & { rank: number })[]> {
  // The planner prices the trigram index above a sequential scan that runs word_similarity on
  // every row (measured at 100,000 officers: 150-400 ms scanning, 6-50 ms through the index).
  await manager.query(
    `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('pg_trgm.similarity_threshold', $2, true),
            set_config('enable_seqscan', 'off', true)`,
    [String(thresholds.word), String(thresholds.whole)],
  );
  // The matches are ranked and sorted by (rank, POST ID) from `officer_name` alone (it carries the
  // POST ID), and only then joined to their officers, in that order, until the page is full: a
  // common name's thousands of matches are sorted, and a page's officers read. The ORDER BY inside
  // the subquery is what lets the planner walk the join in that order and stop at the LIMIT.
  const rows = await manager.query<(RawOfficer & { rank: number })[]>(
    `SELECT ${PUBLIC_COLUMNS}, hits.rank
       FROM (SELECT n.officer_id, n.post_id,
                    max(round(1000 * greatest(word_similarity($1, n.normalized_full), similarity(n.normalized_full, $1))))::int AS rank
               FROM officer_name n
              WHERE $1 <% n.normalized_full OR n.normalized_full % $1
              GROUP BY n.officer_id, n.post_id
              ORDER BY rank DESC, n.post_id) hits
       JOIN officer o ON o.id = hits.officer_id
      WHERE ${LISTED}
        AND ($2::int IS NULL OR hits.rank < $2 OR (hits.rank = $2 AND hits.post_id > $3))
      ORDER BY hits.rank DESC, hits.post_id
      LIMIT $4`,
    [normalizedName, after?.rank ?? null, after?.postId ?? null, limit],
  );
  return rows.map((r) => ({ ...toRow(r), rank: r.rank }));
}

/** An officer with everything its public record is built from, read in one statement. */
export interface OfficerSnapshot extends ListedOfficerRow {
  /**
   * A `standingSnapshotSql` value (the certification row, not its history). With `agencies`, it
   * says whether the officer served or was certified (`SERVED_OR_CERTIFIED`, without probing the
   * same rows a second time); else the officer is listed only for a final case (in `cases`).
   */
  certification: unknown;
  /** A `casesSnapshotSql` value (the cases, not the agencies' report findings). */
  cases: unknown;
  agencies: PublicAgencyPeriod[];
  /** POST IDs of records merged into this one (each answers with this one). */
  mergedFrom: string[];
}

/**
 * Built once: the fragments are constants, and the page is the registry's most frequent read.
 * The agency's name is read per employment (an index probe) rather than by a join, which the
 * planner made a hash of the whole organization table on every page; merges take the fast path
 * of `survivorSql`, and the merged POST IDs are read only for a survivor (EXPLAIN ANALYZE and
 * pgbench in docs/performance.md). Whether the officer served or was certified is read from the
 * certification and agencies selected here (the service), not probed again by `SERVED_OR_CERTIFIED`.
 */
const OFFICER_SNAPSHOT_SQL = `SELECT ${PUBLIC_COLUMNS},
            ${standingSnapshotSql('o.id')} AS certification,
            ${casesSnapshotSql('o.id')} AS cases,
            coalesce((SELECT json_agg(json_build_object('name', (SELECT org.name FROM organization org WHERE org.id = e.agency_id),
                                                        'startDate', e.start_date, 'endDate', e.end_date) ORDER BY e.start_date, e.id)
                        FROM employment e WHERE e.officer_id = o.id), '[]'::json) AS agencies,
            CASE WHEN EXISTS (SELECT 1 FROM officer_merge lm WHERE lm.survivor_officer_id = o.id)
                 THEN (SELECT coalesce(array_agg(m.post_id ORDER BY m.post_id), '{}') FROM officer m
                        WHERE m.id = ANY(officer_lineage(o.id)) AND m.id <> o.id)
                 ELSE '{}' END AS merged_from
       FROM officer o WHERE o.id = (SELECT ${survivorSql('x.id')} FROM officer x WHERE x.post_id = $1)`;

/**
 * The officer with this POST ID and, in the same statement, what the certification and
 * discipline contexts hold of it (SQL fragments they own, only what a public record shows) and
 * its agencies: one round trip per public page. Null when unknown; the caller decides whether
 * an officer that neither served nor was certified is listed (a final case).
 */
export async function findOfficerSnapshot(manager: EntityManager, postId: string): Promise<OfficerSnapshot | null> {
  const [row] = await preparedQuery<RawOfficer & { certification: unknown; cases: unknown; agencies: PublicAgencyPeriod[]; merged_from: string[] }>(
    manager,
    'public-officer-snapshot',
    OFFICER_SNAPSHOT_SQL,
    [postId],
  );
  return row ? { ...toRow(row), certification: row.certification, cases: row.cases, agencies: row.agencies, mergedFrom: row.merged_from } : null;
}

/**
 * Officers with at least one final public order, in POST ID order after `afterPostId` (the
 * export's pages), by discipline's own condition; what each case published comes from
 * DisciplineFactsService.
 */
export async function officersWithFinalCases(manager: EntityManager, afterPostId: string, limit: number): Promise<ListedOfficerRow[]> {
  const rows = await manager.query<RawOfficer[]>(
    `SELECT ${PUBLIC_COLUMNS} FROM officer o
      WHERE o.post_id > $1 AND ${publishedFinalActionExistsSql('o.id')}
        -- A merged record's actions are listed under its survivor (read through officer_lineage).
        AND NOT EXISTS (SELECT 1 FROM officer_merge m WHERE m.duplicate_officer_id = o.id)
      ORDER BY o.post_id LIMIT $2`,
    [afterPostId, limit],
  );
  return rows.map(toRow);
}

/** Every employment of these officers with the agency's name (c. 6E §13: all employing agencies, with dates). */
export async function agencyPeriodsOf(manager: EntityManager, officerIds: readonly string[]): Promise<Map<string, PublicAgencyPeriod[]>> {
  const periods = new Map<string, PublicAgencyPeriod[]>(officerIds.map((id) => [id, []]));
  if (officerIds.length === 0) return periods;
  const rows = await preparedQuery<{ officer_id: string; name: string; start_date: IsoDate; end_date: IsoDate | null }>(
    manager,
    'public-agency-periods',
    `SELECT e.officer_id, org.name, e.start_date, e.end_date
       FROM employment e JOIN organization org ON org.id = e.agency_id
      WHERE e.officer_id = ${anyOfArrayParameter(1, 'uuid')}
      ORDER BY e.start_date, e.id`,
    [officerIds],
  );
  for (const row of rows) periods.get(row.officer_id)?.push({ name: row.name, startDate: row.start_date, endDate: row.end_date });
  return periods;
}
