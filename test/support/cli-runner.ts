import { Clock } from '@app/core';
import { AppConfig, buildAppConfig, validateEnvironment } from '@app/runtime';
import { CommandTestFactory } from 'nest-commander-testing';
import { CliIo } from '../../apps/cli/src/cli-io';
import { cliRunOptions } from '../../apps/cli/src/cli-options';
import { CliModule } from '../../apps/cli/src/cli.module';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** The CLI's configuration on a test file's database, as the test app configures the API (UTC calendar). */
export function cliConfig(databaseUrl: string): AppConfig {
  const env = validateEnvironment({ LOG_LEVEL: 'silent', POST_TIME_ZONE: 'UTC' });
  return buildAppConfig(env, { databaseUrl, jwtSecret: 'the-cli-signs-no-tokens-'.padEnd(48, 'x') });
}

/**
 * Runs one command in-process through nest-commander's testing factory, with the CLI's own
 * module and the same reporting as main.ts (cliRunOptions): the exit status and both streams.
 */
export async function runCli(config: AppConfig, args: string[], options: { clock?: Clock } = {}): Promise<CliResult> {
  const result: CliResult = { code: 0, out: '', err: '' };
  const io: CliIo = { out: (text) => void (result.out += text), err: (text) => void (result.err += text) };
  const exit = { code: 0 };
  const builder = CommandTestFactory.createTestingCommand({ imports: [CliModule.register(config, io)] }, cliRunOptions(io, exit));
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const app = await builder.compile();
  app.useLogger(false);
  await CommandTestFactory.run(app, args);
  result.code = exit.code;
  return result;
}
