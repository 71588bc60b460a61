import { Clock } from '@app/core';
import { UsersService } from '@app/organizations';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { OperatorActor } from '../operator-actor';
import { emailOption } from './option-values';
import { UserByEmail } from './user-by-email';

@Command({ name: 'unlock-user', description: 'lift a lockout after failed sign-ins (as POST /users/:id/unlock does)' })
export class UnlockUserCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly userByEmail: UserByEmail,
    private readonly operator: OperatorActor,
    private readonly clock: Clock,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_arguments: string[], options: { email: string }): Promise<void> {
    const user = await this.userByEmail.find(options.email);
    const wasLocked = user.lockedUntil !== null && user.lockedUntil > this.clock.now();
    await this.users.unlock(await this.operator.resolve(), user.id);
    this.io.out(`Unlocked ${user.email}${wasLocked ? '' : ' (it was not locked; its failed sign-ins are cleared)'}\n`);
  }

  @Option({ flags: '--email <email>', description: 'whose lockout', required: true })
  email(value: string): string {
    return emailOption(value);
  }
}
