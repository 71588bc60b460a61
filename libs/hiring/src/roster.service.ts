import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl } from '@app/audit';
import { Actor, Clock, Keyset, Page } from '@app/core';
import { displayName, POST_ID_PATTERN } from '@app/officers';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { rosterNotFound } from './domain/hiring.errors';
import { rosterAccess } from './hiring.policy';
import { isAgency, RosterFilter, rosterRows, RosterRow } from './persistence/roster.queries';

export type { RosterFilter };

/** One line of an agency's roster, as the API shows it. */
export interface RosterEntry {
  postId: string;
  name: string;
  position: string;
  startDate: string;
  certificationStatus: RosterRow['certificationStatus'];
  expiresOn: string | null;
  hireable: boolean;
}

export const ROSTER_CSV_COLUMNS = ['postId', 'name', 'position', 'startDate', 'certificationStatus', 'expiresOn', 'hireable'] as const;
/** By POST ID: unique within a roster (one open employment per officer and agency). */
const ROSTER_KEYSET = new Keyset<string>({ encode: (postId) => postId, decode: (cursor) => (POST_ID_PATTERN.test(cursor) ? cursor : undefined) });
const EXPORT_PAGE = 1000;

const toEntry = (row: RosterRow): RosterEntry => ({
  postId: row.postId,
  name: displayName(row),
  position: row.position,
  startDate: row.startDate,
  certificationStatus: row.certificationStatus,
  expiresOn: row.expiresOn,
  hireable: row.hireable,
});

/**
 * An agency's roster (API.md "Monitoring: rosters and webhooks"; DOMAIN.md "Monitoring and
 * notices"): every current employee with the certification status a reader sees today, so an
 * agency notices a suspension, a revocation or a term about to end without asking officer by officer.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly clock: Clock,
  ) {}

  async page(actor: Actor, agencyId: string, filter: RosterFilter, page: { limit: number; cursor?: string }): Promise<Page<RosterEntry>> {
    await this.requireRoster(actor, agencyId);
    const after = ROSTER_KEYSET.after(page.cursor);
    const today = this.clock.today();
    const rows = await ROSTER_KEYSET.page(
      page.limit,
      (limit) => rosterRows(this.dataSource.manager, agencyId, today, filter, { afterPostId: after, limit }),
      (last) => last.postId,
    );
    return { items: rows.items.map(toEntry), nextCursor: rows.nextCursor };
  }

  /**
   * The whole roster as CSV (RFC 4180 by csv-stringify; cells a spreadsheet would run as a formula
   * are escaped), streamed page by page so a large agency's file is never held whole.
   */
  async csv(actor: Actor, agencyId: string, filter: RosterFilter): Promise<Readable> {
    await this.requireRoster(actor, agencyId);
    const today = this.clock.today();
    const manager = this.dataSource.manager;
    async function* records(): AsyncGenerator<(string | boolean | null)[]> {
      for (let afterPostId: string | undefined; ;) {
        const rows = await rosterRows(manager, agencyId, today, filter, { afterPostId, limit: EXPORT_PAGE });
        for (const entry of rows.map(toEntry)) yield ROSTER_CSV_COLUMNS.map((column) => entry[column]);
        if (rows.length < EXPORT_PAGE) return;
        afterPostId = rows[rows.length - 1].postId;
      }
    }
    const csv = stringify({ header: true, columns: [...ROSTER_CSV_COLUMNS], escape_formulas: true, cast: { boolean: (value) => String(value) } });
    return Readable.from(records()).pipe(csv);
  }

  private async requireRoster(actor: Actor, agencyId: string): Promise<void> {
    const attempt = { action: 'roster.read', entityType: 'organization', entityId: agencyId };
    await this.access.require(actor, attempt, rosterAccess(actor, agencyId, rosterNotFound));
    if (!(await isAgency(this.dataSource.manager, agencyId))) await this.access.refuse(actor, attempt, rosterNotFound());
  }
}
