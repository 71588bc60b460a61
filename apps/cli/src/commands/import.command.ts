import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { CommandFailure } from '../command-failure';
import { RegistryApi } from './registry-api';

const KINDS = ['officers', 'employments', 'certifications', 'training', 'final_actions'];

interface ImportOptions {
  url: string;
  token?: string;
  email?: string;
  password?: string;
  totp?: string;
  dryRun?: boolean;
  interval: number;
}

interface ImportView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  flagged: number;
}

/**
 * `post-registry import <kind> <file> [--dry-run]` (API.md "Imports", issue 18 item 5): streams
 * the file to `POST /imports` of a running service (never read whole), follows `GET
 * /imports/:id` with a progress bar on stderr until the import ends, then prints its counts and
 * where its rejections are. It talks to the API only, as any client: the service's rules, roles
 * and audit apply (a commission administrator's token, or email and password).
 */
@Command({
  name: 'import',
  arguments: '<kind> <file>',
  description: `upload a state's existing records to a running service (kind: ${KINDS.join(', ')}; .csv or .ndjson) and follow the import`,
})
export class ImportCommand extends CommandRunner {
  constructor(private readonly io: CliIo) {
    super();
  }

  async run([kind, file]: string[], options: ImportOptions): Promise<void> {
    if (!KINDS.includes(kind)) throw new CommandFailure(`kind must be one of: ${KINDS.join(', ')} (got "${kind}").`);
    const size = await stat(file).then(
      (found) => found.size,
      (error: NodeJS.ErrnoException) => {
        throw new CommandFailure(`${file}: cannot read it (${error.code ?? error.message}).`);
      },
    );
    const api = new RegistryApi(options.url);
    const token = options.token ?? (await api.login(options.email, options.password, options.totp));
    const contentType = /\.(ndjson|jsonl)$/i.test(file) ? 'application/x-ndjson' : 'text/csv';
    const started = await api.upload<ImportView>(
      `/imports?kind=${kind}${options.dryRun ? '&dryRun=true' : ''}`,
      token,
      Readable.toWeb(createReadStream(file)) as ReadableStream,
      { 'content-type': contentType, 'content-length': String(size) },
    );
    this.io.err(`Import ${started.id} ${options.dryRun ? '(dry run) ' : ''}queued: ${started.total} rows.\n`);
    const bar = new SingleBar({ format: `${kind} |{bar}| {value}/{total} rows | {status}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    bar.start(started.total, 0, { status: started.status });
    let view = started;
    while (view.status === 'queued' || view.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, options.interval));
      view = await api.get<ImportView>(`/imports/${started.id}`, token);
      bar.update(view.processed, { status: view.status });
    }
    bar.stop();
    const base = `${api.base}/api/v1/imports/${view.id}`;
    this.io.out(
      [
        `Import ${view.id} ${view.status}: ${view.total} rows, ${view.accepted} accepted, ${view.unchanged} unchanged, ${view.rejected} rejected, ${view.flagged} flagged.`,
        `Rejections: ${base}/rejections.csv`,
        ...(view.flagged > 0 ? [`Likely duplicates: ${base}/flags`] : []),
        ...(kind === 'officers' && !options.dryRun ? [`Source ids to POST IDs: ${base}/officers.csv`] : []),
      ].join('\n') + '\n',
    );
    if (view.status === 'failed') throw new CommandFailure(`the import failed after ${view.processed} rows; what committed stays (see the service log).`);
  }

  @Option({ flags: '--url <url>', description: 'the service (default http://localhost:3000)', defaultValue: 'http://localhost:3000' })
  url(value: string): string {
    if (!/^https?:\/\/[^\s/]+/.test(value)) throw new CommandFailure(`--url: "${value}" is not an http(s) URL.`);
    return value.replace(/\/+$/, '');
  }

  @Option({ flags: '--token <token>', description: "a commission administrator's bearer token (instead of --email and --password)" })
  token(value: string): string {
    return value;
  }

  @Option({ flags: '--email <email>', description: "a commission administrator's email" })
  email(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'their password (default: $POST_REGISTRY_PASSWORD)' })
  password(value: string): string {
    return value;
  }

  @Option({ flags: '--totp <code>', description: 'their current second-factor code, when their role requires one' })
  totp(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'validate every row and write nothing but the report' })
  dryRun(): boolean {
    return true;
  }

  @Option({ flags: '--interval <ms>', description: 'how often to read the progress (default 1000)', defaultValue: 1000 })
  interval(value: string): number {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 50) throw new CommandFailure(`--interval: "${value}" is not a number of milliseconds from 50.`);
    return ms;
  }
}
