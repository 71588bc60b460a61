import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { isDatabaseUnavailable } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { insertHiringChecks, NewHiringCheck } from './persistence/hiring-check.store';

/** Enough to amortise a commit, small enough that other audited writers never wait long for the chain. */
const MAX_BATCH = 25;

interface Pending {
  check: NewHiringCheck;
  resolve: (id: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Stores hiring checks with their audit entries (DOMAIN.md "Audit"): each check's row and its
 * entry commit together. The audit chain admits one writer at a time (a transaction-scoped
 * advisory lock), so concurrent checks that each opened a transaction would park their pool
 * connections on that lock and starve every read. Instead this process writes checks one
 * transaction at a time, and the checks that arrived meanwhile go together in the next one
 * (group commit): the chain lock is taken once per batch, and the pool stays free for reads.
 */
@Injectable()
export class HiringCheckRecorder {
  private readonly queue: Pending[] = [];
  private writing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  record(check: NewHiringCheck): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ check, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const ids = await this.write(batch.map((p) => p.check));
          batch.forEach((p, i) => p.resolve(ids[i]));
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            // Fail fast (a 503 within the time limit): the checks queued behind would only wait for the same timeout.
            for (const p of [...batch, ...this.queue.splice(0)]) p.reject(error);
          } else if (batch.length === 1) batch[0].reject(error);
          // One bad check must not fail the others written with it: retry each on its own.
          else for (const p of batch) await this.write([p.check]).then(([id]) => p.resolve(id), p.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private write(checks: NewHiringCheck[]): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.writeIn(manager, checks));
  }

  /** Inside the caller's transaction: the checks' rows and their audit entries. */
  async writeIn(manager: EntityManager, checks: NewHiringCheck[]): Promise<string[]> {
    const ids = await insertHiringChecks(manager, checks);
    // Never the query itself: it holds a date of birth (restricted).
    await this.audit.recordMany(
      manager,
      checks.map((check, i) => ({
        actor: check.actor,
        record: {
          action: 'hiring_check.create',
          entityType: 'hiring_check',
          entityId: ids[i],
          details: { byPostId: 'postId' in check.query, matchCount: check.matches.length },
        },
      })),
    );
    return ids;
  }
}
