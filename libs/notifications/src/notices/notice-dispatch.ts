import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Queues the sending of notices on the durable job queue, inside the caller's transaction: a
 * notice whose submission rolls back is never sent, and one that commits is always picked up.
 */
@Injectable()
export class NoticeDispatch {
  // Wired to @app/jobs (pg-boss) when it lands; until then the sweep picks queued notices up.
  async enqueue(_manager: EntityManager, _noticeIds: readonly string[]): Promise<void> {}
}
