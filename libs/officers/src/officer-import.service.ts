import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { displayName, formatPostId, officerNameRows } from './domain/officer-identity';
import {
  DuplicateQuery,
  findLikelyDuplicates,
  findLikelyDuplicatesAmong,
  ImportedEmployment,
  ImportedOfficer,
  insertImportedEmployments,
  insertImportedOfficers,
  nextPostNumbers,
  officersByPostIds,
  openEmploymentPairs,
} from './persistence/officer-import.store';
import { DUPLICATE_MIN_SIMILARITY, roundScore } from './officers.service';
import { insertPossibleDuplicates } from './persistence/possible-duplicate.store';
import { employmentsOfPairs } from './persistence/employment-import.store';

export type { ImportedEmployment } from './persistence/officer-import.store';

export interface OfficerToImport extends Omit<ImportedOfficer, 'postId'> {
  /** The state's existing licence number, kept when free and in this registry's format. */
  requestedPostId: string | null;
}

export interface DuplicateFlag {
  key: number;
  candidates: { postId: string | null; name: string; matchScore: number; rowKey?: number }[];
}

/**
 * Officers and employments written in bulk for imports (API.md "Imports"), by the context that
 * owns them, inside the caller's transaction (the import's chunk). The caller audits.
 */
@Injectable()
export class OfficerImportService {
  constructor(private readonly config: ConfigService) {}

  /** Officer id by POST ID, for every given POST ID that exists. */
  officerIdsByPostId(manager: EntityManager, postIds: readonly string[]): Promise<Map<string, string>> {
    return officersByPostIds(manager, [...new Set(postIds)]);
  }

  /**
   * Creates the officers: a requested POST ID is kept when free (and not asked for by an
   * earlier row), else a new one is issued; the sequence moves past every kept one of this
   * jurisdiction, so that no later officer is issued it. Returns each key's officer id and POST ID.
   */
  async createOfficers(
    manager: EntityManager,
    importId: string,
    officers: readonly OfficerToImport[],
  ): Promise<Map<number, { officerId: string; postId: string }>> {
    if (officers.length === 0) return new Map();
    const jurisdiction = this.config.getOrThrow<string>('jurisdiction');
    const requested = officers.map((o) => o.requestedPostId).filter((p): p is string => p !== null);
    const taken = new Set((await officersByPostIds(manager, requested)).keys());
    const kept = new Map<number, string>();
    for (const officer of officers) {
      const postId = officer.requestedPostId;
      if (postId !== null && !taken.has(postId)) {
        kept.set(officer.key, postId);
        taken.add(postId);
      }
    }
    const keptNumbers = [...kept.values()].filter((p) => p.startsWith(`${jurisdiction}-`)).map((p) => Number(p.slice(jurisdiction.length + 1)));
    const issued = await nextPostNumbers(manager, officers.length - kept.size, keptNumbers.length > 0 ? Math.max(...keptNumbers) : 0);
    const rows: ImportedOfficer[] = officers.map((officer) => ({ ...officer, postId: kept.get(officer.key) ?? formatPostId(jurisdiction, issued.shift()!) }));
    const idByPostId = await insertImportedOfficers(manager, importId, rows);
    return new Map(rows.map((row) => [row.key, { officerId: idByPostId.get(row.postId)!, postId: row.postId }]));
  }

  /**
   * Likely duplicates (same date of birth, a similar name: the rule that stops `POST
   * /officers`) of each person, set-wise: against the registry (`self` excluded), and, for
   * people not written yet (a dry run), among themselves (earlier key first).
   */
  async likelyDuplicates(
    manager: EntityManager,
    people: readonly {
      key: number;
      dateOfBirth: string;
      firstName: string;
      middleName: string | null;
      lastName: string;
      aliases: { firstName: string; lastName: string }[];
      self: string | null;
      displayName: string;
    }[],
    options: { amongThemselves: boolean },
  ): Promise<Map<number, DuplicateFlag['candidates']>> {
    const queries: DuplicateQuery[] = people.map((p) => ({
      key: p.key,
      dateOfBirth: p.dateOfBirth,
      names: [...new Set(officerNameRows(p, p.aliases).map((row) => row.normalizedFull))],
      self: p.self,
    }));
    const found = new Map<number, DuplicateFlag['candidates']>();
    const add = (key: number, candidate: DuplicateFlag['candidates'][number]) => found.set(key, [...(found.get(key) ?? []), candidate]);
    for (const c of await findLikelyDuplicates(manager, queries, DUPLICATE_MIN_SIMILARITY)) {
      add(c.key, { postId: c.postId, name: displayName(c), matchScore: roundScore(c.score) });
    }
    if (options.amongThemselves) {
      const nameOf = new Map(people.map((p) => [p.key, p.displayName]));
      for (const pair of await findLikelyDuplicatesAmong(manager, queries, DUPLICATE_MIN_SIMILARITY)) {
        add(pair.key, { postId: null, name: nameOf.get(pair.otherKey)!, matchScore: roundScore(pair.score), rowKey: pair.otherKey });
      }
    }
    return found;
  }

  /**
   * An import's flags, as pairs for the commission's list of possible duplicates (the import's
   * own report keeps the flag rows): `officerId` was created by the import, `otherPostId` is
   * the record it resembles.
   */
  async recordDuplicateFlags(
    manager: EntityManager,
    importId: string,
    flags: readonly { officerId: string; otherPostId: string; matchScore: number }[],
  ): Promise<void> {
    if (flags.length === 0) return;
    const others = await officersByPostIds(manager, [...new Set(flags.map((f) => f.otherPostId))]);
    const pairs = flags.flatMap((f) => {
      const other = others.get(f.otherPostId);
      return other ? [{ officerId: f.officerId, otherOfficerId: other, matchScore: f.matchScore }] : [];
    });
    await insertPossibleDuplicates(manager, 'import', pairs, importId);
  }

  /** `officerId|agencyId` of the pairs with an open employment. */
  openEmployments(manager: EntityManager, pairs: readonly { officerId: string; agencyId: string }[]): Promise<Set<string>> {
    return openEmploymentPairs(manager, pairs);
  }

  /** Every employment of these (officer, agency) pairs, open or ended: an import chunk's natural-key and open-employment checks in one read. */
  employmentsOfPairs(manager: EntityManager, pairs: readonly { officerId: string; agencyId: string }[]): Promise<ImportedEmployment[]> {
    return employmentsOfPairs(manager, pairs);
  }

  /** Employment history from before the registry: no hiring check cleared it; the import did. Ids in input order. */
  recordImportedEmployments(manager: EntityManager, importId: string, rows: readonly ImportedEmployment[]): Promise<string[]> {
    return insertImportedEmployments(manager, importId, rows);
  }
}
