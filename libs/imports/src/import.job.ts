import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { loggableError } from '@app/database';
import { ImportChunksService } from './import-chunks.service';
import { ImportsService } from './imports.service';

/**
 * Runs imports to their end. STOPGAP until `@app/jobs` (pg-boss) lands: in this process, and
 * imports left queued or running by a stopped process are resumed at start-up. Every chunk
 * commits its own progress, so a second runner on the same import only waits on its lock.
 */
@Injectable()
export class ImportJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportJob.name);

  constructor(
    private readonly chunks: ImportChunksService,
    private readonly imports: ImportsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const id of await this.imports.unfinished()) this.start(id);
  }

  start(importId: string): void {
    setImmediate(() => void this.run(importId));
  }

  async run(importId: string): Promise<void> {
    try {
      await this.chunks.runToEnd(importId);
    } catch (error) {
      this.logger.error({ importId, error: loggableError(error) }, 'import failed');
      await this.chunks.fail(importId, 'processing failed; see the service log').catch(() => undefined);
    }
  }
}
