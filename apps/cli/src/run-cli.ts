import type { AppConfig } from '@app/runtime';
import { CommandFactory } from 'nest-commander';
import { CliIo } from './cli-io';
import { cliRunOptions } from './cli-options';
import { CliModule, HttpCliModule } from './cli.module';

/** Runs process.argv's command on the prepared runtime; resolves to the exit status. Nest's own logger stays off. */
export async function runCli(config: AppConfig, io: CliIo): Promise<number> {
  const exit = { code: 0 };
  // CommandFactory types its root as a class; a dynamic module is imported the same way.
  await CommandFactory.run(CliModule.register(config, io) as never, { ...cliRunOptions(io, exit), logger: false });
  return exit.code;
}

/** `post-registry import`: a client of a running service, with neither database nor domain modules. */
export async function runHttpCli(io: CliIo): Promise<number> {
  const exit = { code: 0 };
  await CommandFactory.run(HttpCliModule.register(io) as never, { ...cliRunOptions(io, exit), logger: false });
  return exit.code;
}
