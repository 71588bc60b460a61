import type { CommanderOptionsType } from 'nest-commander';
import { CliIo } from './cli-io';
import { failureLine } from './command-failure';

export const CLI_NAME = 'post-registry';

/** commander's errors (unknown option, missing --email, --help) carry their exit code; the message is already written. */
interface CommanderError extends Error {
  code: string;
  exitCode: number;
}
const isCommanderError = (error: Error): error is CommanderError =>
  typeof (error as Partial<CommanderError>).code === 'string' && (error as CommanderError).code.startsWith('commander.');

/**
 * How every run reports (main.ts and the tests): results on `io.out`, one line on `io.err`
 * and exit status 1 for a failure, never a stack trace; commander's usage errors (thrown, not
 * exited: CommanderSetup) keep their own message and status. `exit.code` is the status to leave with.
 */
export function cliRunOptions(io: CliIo, exit: { code: number }): CommanderOptionsType {
  return {
    cliName: CLI_NAME,
    serviceErrorHandler: (error) => {
      if (isCommanderError(error)) {
        exit.code = error.exitCode;
        return;
      }
      exit.code = 1;
      io.err(`${CLI_NAME}: ${failureLine(error)}\n`);
    },
    outputConfiguration: { writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) },
  };
}
