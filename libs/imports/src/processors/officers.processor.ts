import { Injectable } from '@nestjs/common';
import { displayName, OfficerImportService, OfficerToImport } from '@app/officers';
import type { OfficerRow } from '../domain/row-rules';
import { knownSources } from '../persistence/import.store';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, contentHash } from './chunk';

/**
 * Officers: a source id seen before is `unchanged` (same content, the officer is "found") or
 * `changed_since_import`; a new one is created with its names and a `not_certified`
 * certification. Likely duplicates (same date of birth, a similar name: `POST /officers`'s
 * rule) are found set-wise after the chunk's officers are written, against the registry, this
 * file's earlier rows included; the officer is still created and the row is flagged.
 */
@Injectable()
export class OfficersProcessor {
  constructor(private readonly officers: OfficerImportService) {}

  async process(ctx: ChunkContext, rows: CheckedRow<OfficerRow>[], outcome: ChunkOutcome): Promise<void> {
    const known = await knownSources(
      ctx.manager,
      'officers',
      rows.map((r) => r.value.sourceId),
    );
    const fresh: CheckedRow<OfficerRow>[] = [];
    // Each row's fingerprint once (a SHA-256 of its canonical JSON): compared here, kept for a created one.
    const hashes = new Map<number, string>();
    for (const row of rows) {
      const hash = contentHash(row.value);
      const before = known.get(row.value.sourceId);
      if (!before) {
        fresh.push(row);
        hashes.set(row.row, hash);
      } else if (before.contentHash !== hash) outcome.reject(row, changedSinceImport('sourceId'));
      else {
        outcome.unchanged.push(row.row);
        outcome.officers.push({ row: row.row, sourceId: row.value.sourceId, officerId: before.entityId });
      }
    }
    if (fresh.length === 0) return;

    const toCreate: OfficerToImport[] = fresh.map((r) => ({
      key: r.row,
      firstName: r.value.firstName,
      middleName: r.value.middleName,
      lastName: r.value.lastName,
      suffix: r.value.suffix,
      dateOfBirth: r.value.dateOfBirth,
      ssnLast4: r.value.ssnLast4,
      email: r.value.email,
      aliases: r.value.aliases,
      requestedPostId: r.value.postId,
    }));
    const created = ctx.dryRun
      ? new Map<number, { officerId: string; postId: string }>()
      : await this.officers.createOfficers(ctx.manager, ctx.importId, toCreate);
    const people = fresh.map((r) => ({ ...r.value, key: r.row, self: created.get(r.row)?.officerId ?? null, displayName: displayName(r.value) }));
    const duplicates = await this.officers.likelyDuplicates(ctx.manager, people, { amongThemselves: ctx.dryRun });
    // Within the chunk, a row is flagged against earlier rows only (the earlier row is not flagged for a later one).
    const rowOfPostId = new Map([...created].map(([row, officer]) => [officer.postId, row]));
    const pairs: { officerId: string; otherPostId: string; matchScore: number }[] = [];
    for (const row of fresh) {
      const officer = created.get(row.row);
      outcome.accepted.push(row.row);
      if (officer) {
        outcome.created.push([row.row, officer.officerId]);
        outcome.sources.push({ row: row.row, sourceKey: row.value.sourceId, contentHash: hashes.get(row.row)!, entityId: officer.officerId });
        outcome.officers.push({ row: row.row, sourceId: row.value.sourceId, officerId: officer.officerId });
      }
      const candidates = (duplicates.get(row.row) ?? [])
        .filter((c) => c.postId === null || (rowOfPostId.get(c.postId) ?? 0) < row.row)
        .map((c) =>
          c.rowKey !== undefined
            ? { postId: c.postId, name: c.name, matchScore: c.matchScore, row: c.rowKey }
            : { postId: c.postId, name: c.name, matchScore: c.matchScore },
        );
      if (candidates.length > 0) outcome.flags.push({ row: row.row, sourceId: row.value.sourceId, postId: officer?.postId ?? null, candidates });
      if (officer) {
        for (const c of candidates) if (c.postId !== null) pairs.push({ officerId: officer.officerId, otherPostId: c.postId, matchScore: c.matchScore });
      }
    }
    // The commission's list of possible duplicates (API.md "Identity changes and merges") gets each flagged pair.
    await this.officers.recordDuplicateFlags(ctx.manager, ctx.importId, pairs);
  }
}
