import { canonicalJson } from '@app/core';
import { createHash } from 'node:crypto';

export { canonicalJson };

/** The first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string; // ISO 8601 UTC, millisecond precision
  actorKind: string;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: unknown;
}

/** hash = sha256(prevHash || canonical(entry)), as DOMAIN.md "Audit" specifies. */
export function chainHash(prevHash: string, entry: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  { valid: true; entries: number; head: { seq: number; hash: string } | null } | { valid: false; firstBrokenEntry: { seq: number; reason: string } };

function chainedFieldsOf({ prevHash: _prev, hash: _hash, ...fields }: StoredEntry): ChainedFields {
  return fields;
}

/**
 * Streams entries in `seq` order through `push`; `finish` gives the verdict. The first
 * entry whose link or content does not match is reported, so a tampered row is named.
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private broken: { seq: number; reason: string } | null = null;
  private head: { seq: number; hash: string } | null = null;

  push(entry: StoredEntry): boolean {
    if (this.broken) return false;
    if (entry.seq !== this.expectedSeq) {
      this.broken = { seq: this.expectedSeq, reason: `entry ${this.expectedSeq} is missing` };
    } else if (entry.prevHash !== this.expectedPrev) {
      this.broken = { seq: entry.seq, reason: 'link to the previous entry does not match' };
    } else if (chainHash(entry.prevHash, chainedFieldsOf(entry)) !== entry.hash) {
      this.broken = { seq: entry.seq, reason: 'content does not match its hash' };
    }
    if (this.broken) return false;
    this.expectedPrev = entry.hash;
    this.expectedSeq += 1;
    this.count += 1;
    this.head = { seq: entry.seq, hash: entry.hash };
    return true;
  }

  finish(): ChainCheck {
    if (this.broken) return { valid: false, firstBrokenEntry: this.broken };
    return { valid: true, entries: this.count, head: this.head };
  }
}
