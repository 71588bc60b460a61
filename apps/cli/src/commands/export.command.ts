import { PublicRecordsService } from '@app/public';
import { writeFile } from 'node:fs/promises';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliIo } from '../cli-io';
import { CommandFailure } from '../command-failure';

/** The same file as GET /public/disciplinary-actions.csv (c. 6E §13(a) open data). */
@SubCommand({ name: 'public-csv', description: 'final suspensions, revocations and retraining orders, as GET /public/disciplinary-actions.csv' })
export class PublicCsvExportCommand extends CommandRunner {
  constructor(
    private readonly records: PublicRecordsService,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_arguments: string[], options: { out?: string }): Promise<void> {
    const csv = await this.records.disciplinaryActionsCsv();
    if (!options.out) {
      this.io.out(csv);
      return;
    }
    await writeFile(options.out, csv).catch((error: NodeJS.ErrnoException) => {
      throw new CommandFailure(`--out: cannot write ${options.out} (${error.code ?? error.message}).`);
    });
    this.io.out(`Wrote the public disciplinary actions (${Buffer.byteLength(csv)} bytes of CSV) to ${options.out}\n`);
  }

  @Option({ flags: '--out <file>', description: 'write to this file (omitted: standard output)' })
  out(value: string): string {
    return value;
  }
}

/** `export <what>`: one sub-command per published file. */
@Command({ name: 'export', description: 'write a public export', subCommands: [PublicCsvExportCommand] })
export class ExportCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(new CommandFailure('export what? One of: public-csv.'));
  }
}
