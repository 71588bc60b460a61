import type { EntityManager } from 'typeorm';
import type { OfficerEvent } from './officer-events';

/**
 * Writes events into the outbox inside the caller's transaction (DESIGN.md rule 4, "Outbox"):
 * the change and its events commit together or not at all, so a change is never lost and never
 * announced without having happened. Nothing is sent here; the relay reads committed rows.
 *
 * Every event's data gets the officer's `postId` first, read in the same statement, so a
 * writing context needs only the officer's id. One statement however many events.
 */
export async function recordOfficerEvents(manager: EntityManager, events: readonly OfficerEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO outbox_event (type, officer_id, data)
     SELECT e.type, o.id, jsonb_build_object('postId', o.post_id) || e.data
       FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) WITH ORDINALITY AS e(type, officer_id, data, n)
       JOIN officer o ON o.id = e.officer_id
      ORDER BY e.n`,
    [events.map((event) => event.type), events.map((event) => event.officerId), events.map((event) => JSON.stringify(event.data))],
  );
}

export function recordOfficerEvent(manager: EntityManager, event: OfficerEvent): Promise<void> {
  return recordOfficerEvents(manager, [event]);
}
