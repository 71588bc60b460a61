import { Actor, canonicalJson, IsoDate } from '@app/core';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ImportKind } from '../domain/import-kinds';
import { timedSync } from '../import-profile';
import type { OfficerReference, RowError } from '../domain/row-rules';
import type { Flag, Rejection, SourceRecord } from '../persistence/import.store';

/** What one chunk's processor works in: the chunk's transaction and the import's settings. */
export interface ChunkContext {
  manager: EntityManager;
  importId: string;
  kind: ImportKind;
  dryRun: boolean;
  today: IsoDate;
  jurisdiction: string;
  /** Who started the import: the audit's actor, the history's. */
  actor: Actor;
}

/** A row that passed its own rules, with its row number and the source id a report shows. */
export interface CheckedRow<T> {
  row: number;
  sourceId: string | null;
  value: T;
}

/** What a chunk did; the service writes it (report, progress, audit) in the same transaction. */
export class ChunkOutcome {
  readonly accepted: number[] = [];
  readonly unchanged: number[] = [];
  readonly rejections: Rejection[] = [];
  readonly flags: Flag[] = [];
  readonly sources: SourceRecord[] = [];
  readonly officers: { row: number; sourceId: string; officerId: string }[] = [];
  /** For the audit entry: each accepted row and the record it created. */
  readonly created: [row: number, entityId: string][] = [];

  reject(row: { row: number; sourceId: string | null }, ...errors: RowError[]): void {
    this.rejections.push({ row: row.row, sourceId: row.sourceId, errors });
  }
}

/** The content fingerprint of a source record: the same record imported again is `unchanged`. */
export function contentHash(value: unknown): string {
  return timedSync('js: contentHash', () => createHash('sha256').update(canonicalJson(value)).digest('base64url'));
}

export const changedSinceImport = (field: string): RowError => ({
  field,
  reason: 'changed_since_import',
  message: 'this record was imported before with other content; it is not overwritten (correct it in the registry)',
});

export const unknownOfficer = (reference: OfficerReference): RowError =>
  'sourceId' in reference
    ? { field: 'officerSourceId', reason: 'unknown_officer', message: `no imported officer has sourceId ${reference.sourceId}` }
    : { field: 'postId', reason: 'unknown_officer', message: `no officer has POST ID ${reference.postId}` };

export const officerKey = (reference: OfficerReference) => ('sourceId' in reference ? `s:${reference.sourceId}` : `p:${reference.postId}`);
