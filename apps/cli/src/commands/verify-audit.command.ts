import { AuditService } from '@app/audit';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { CommandFailure } from '../command-failure';
import { hashOption, sequenceOption } from './option-values';

interface VerifyAuditOptions {
  knownSeq?: number;
  knownHash?: string;
}

/** GET /audit/verify from the server's console: the whole chain recomputed, and a head saved earlier proven still in it. */
@Command({ name: 'verify-audit', description: "recompute the audit log's hash chain; exits 1 when it is broken" })
export class VerifyAuditCommand extends CommandRunner {
  constructor(
    private readonly audit: AuditService,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_arguments: string[], options: VerifyAuditOptions): Promise<void> {
    if ((options.knownSeq === undefined) !== (options.knownHash === undefined)) {
      throw new CommandFailure('--known-seq and --known-hash go together (a head saved from GET /public/audit/head).');
    }
    const knownHead = options.knownSeq !== undefined ? { seq: options.knownSeq, hash: options.knownHash! } : undefined;
    const check = await this.audit.verify(knownHead);
    if (!check.valid) {
      throw new CommandFailure(`Audit log INVALID from entry ${check.firstBrokenEntry.seq}: ${check.firstBrokenEntry.reason}`);
    }
    const head = check.head ? `; head ${check.head.seq} ${check.head.hash}` : '';
    const known = knownHead ? `; saved head ${knownHead.seq} is in the chain` : '';
    this.io.out(`Audit log valid: ${check.entries} entries${head}${known}\n`);
  }

  @Option({ flags: '--known-seq <seq>', description: 'the seq of a head saved earlier' })
  knownSeq(value: string): number {
    return sequenceOption(value);
  }

  @Option({ flags: '--known-hash <hash>', description: 'the hash of that head' })
  knownHash(value: string): string {
    return hashOption(value);
  }
}
