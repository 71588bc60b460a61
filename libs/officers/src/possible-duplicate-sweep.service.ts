import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { judgeSweptPairs, SweepNamePair } from './domain/duplicate-sweep';
import { PartEvidence } from './domain/name-match';
import { DUPLICATE_MIN_SIMILARITY } from './officers.service';
import { readSweepFrom, recordSweep, sweepBatch, SweepPairRow, sweepNamePairs } from './persistence/duplicate-sweep.queries';
import { insertPossibleDuplicates } from './persistence/possible-duplicate.store';

/** Officers read per statement: each batch's pairs are one query and one insert, in one transaction. */
export const SWEEP_BATCH_SIZE = 500;
/** Each run reads again the officers created in the day before the last run began (a transaction that committed late is not missed). */
const SWEEP_OVERLAP_MS = 24 * 60 * 60 * 1000;

export interface SweepResult {
  officersRead: number;
  /** New pairs recorded (a pair already known, open, dismissed or merged, is not recorded again). */
  pairsFound: number;
}

const sameCode = (a: string, b: string) => a !== '' && a === b;
const anySameCode = (a: readonly string[], b: readonly string[]) => a.some((code) => b.some((other) => sameCode(code, other)));

function evidence(
  similarity: number,
  distance: number,
  wordSimilarity: number,
  stored: { whole: string; alt: string; words: string[] },
  query: { whole: string; alt: string; words: string[] },
  nickname = false,
): PartEvidence {
  return {
    similarity,
    distance,
    wordSimilarity,
    soundsAlike: anySameCode([stored.whole, stored.alt], [query.whole, query.alt]),
    wordSoundsAlike: anySameCode(stored.words, query.words),
    nickname,
  };
}

function toNamePair(row: SweepPairRow): SweepNamePair {
  const storedFirst = { whole: row.f_code, alt: row.f_alt, words: row.f_word_codes };
  const storedLast = { whole: row.l_code, alt: row.l_alt, words: row.l_word_codes };
  const queryFirst = { whole: row.qf_code, alt: row.qf_alt, words: row.qf_word_codes };
  const queryLast = { whole: row.ql_code, alt: row.ql_alt, words: row.ql_word_codes };
  return {
    queryOfficerId: row.q_officer_id,
    query: { firstName: row.q_first_name, lastName: row.q_last_name, normalizedFirst: row.qf, normalizedLast: row.ql },
    stored: {
      officerId: row.officer_id,
      kind: row.kind,
      firstName: row.first_name,
      lastName: row.last_name,
      normalizedFirst: row.nf,
      normalizedLast: row.nl,
    },
    fullSimilarity: row.full_sim,
    first: evidence(row.ff_sim, row.ff_dist, row.ff_wsim, storedFirst, queryFirst, row.ff_nick),
    last: evidence(row.ll_sim, row.ll_dist, row.ll_wsim, storedLast, queryLast),
    lastVsQueryFirst: evidence(row.lf_sim, row.lf_dist, row.lf_wsim, storedLast, queryFirst),
    firstVsQueryLast: evidence(row.fl_sim, row.fl_dist, row.fl_wsim, storedFirst, queryLast, row.fl_nick),
  };
}

/**
 * The periodic duplicate sweep (API.md "Identity changes and merges": pairs "found later by the
 * same rules"): records that bypassed detection at creation (created directly, imported before
 * the rules knew a nickname) are compared with every unmerged record born the same day, by the
 * rules of `POST /officers`; a new pair is recorded once as `detected` (the pair's unique index:
 * a pair open, dismissed or merged is never flagged again). Each run reads the officers created
 * since the last run began (with a day's overlap), in batches of SWEEP_BATCH_SIZE, each batch
 * one set-wise query; `full` reads every officer (after the nickname table changed).
 */
@Injectable()
export class PossibleDuplicateSweep {
  private readonly logger = new Logger(PossibleDuplicateSweep.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sweep(options: { full?: boolean } = {}): Promise<SweepResult> {
    // The database's clock: creation times are its own.
    const [{ now }] = await this.dataSource.query<{ now: Date }[]>(`SELECT clock_timestamp() AS now`);
    const from = options.full ? null : await readSweepFrom(this.dataSource.manager);
    let after: { createdAt: string; id: string } | null = null;
    const result: SweepResult = { officersRead: 0, pairsFound: 0 };
    for (;;) {
      const batch = await sweepBatch(this.dataSource.manager, from, after, SWEEP_BATCH_SIZE);
      if (batch.officerIds.length === 0) break;
      result.pairsFound += await this.dataSource.transaction(async (manager) => {
        const rows = await sweepNamePairs(manager, batch.officerIds, DUPLICATE_MIN_SIMILARITY);
        const pairs = judgeSweptPairs(rows.map(toNamePair), DUPLICATE_MIN_SIMILARITY);
        return insertPossibleDuplicates(manager, 'detected', pairs);
      });
      result.officersRead += batch.officerIds.length;
      after = batch.last;
      if (batch.officerIds.length < SWEEP_BATCH_SIZE) break;
    }
    await recordSweep(this.dataSource.manager, { readFrom: new Date(now.getTime() - SWEEP_OVERLAP_MS), ...result });
    this.logger.log({ ...result, full: options.full === true }, 'duplicate sweep finished');
    return result;
  }
}
