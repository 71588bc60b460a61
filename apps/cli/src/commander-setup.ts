import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';
import { CLI_NAME } from './cli-options';

/** The part of commander's Command this needs (nest-commander brings its own commander version). */
interface CommanderCommand {
  name(name: string): unknown;
  exitOverride(): unknown;
  readonly commands: readonly CommanderCommand[];
}

/**
 * Once nest-commander has built the commands (in its onModuleInit): usage lines name
 * `post-registry` (commander would say `main`), and a usage error in any command throws
 * instead of calling process.exit(), so the run still closes the database and stops the
 * embedded PostgreSQL (nest-commander's errorHandler reaches the top-level program only).
 */
@Injectable()
export class CommanderSetup implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: CommanderCommand) {}

  onApplicationBootstrap(): void {
    this.program.name(CLI_NAME);
    const throwInsteadOfExit = (command: CommanderCommand): void => {
      command.exitOverride();
      command.commands.forEach(throwInsteadOfExit);
    };
    throwInsteadOfExit(this.program);
  }
}
