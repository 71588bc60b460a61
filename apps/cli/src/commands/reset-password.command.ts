import { generatePassword, UsersService } from '@app/organizations';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { OperatorActor } from '../operator-actor';
import { emailOption, passwordOption } from './option-values';
import { UserByEmail } from './user-by-email';

interface ResetPasswordOptions {
  email: string;
  password?: string;
}

@Command({ name: 'reset-password', description: "set a user's password (a generated one is printed once); a lockout stays: see unlock-user" })
export class ResetPasswordCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly userByEmail: UserByEmail,
    private readonly operator: OperatorActor,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_arguments: string[], options: ResetPasswordOptions): Promise<void> {
    const user = await this.userByEmail.find(options.email);
    const password = options.password ?? generatePassword();
    await this.users.resetPassword(await this.operator.resolve(), user.id, password);
    const shown = options.password ? '' : ` to ${password} (shown once: pass it on and have it changed)`;
    this.io.out(`Reset the password of ${user.email}${shown}\n`);
  }

  @Option({ flags: '--email <email>', description: 'whose password', required: true })
  email(value: string): string {
    return emailOption(value);
  }

  @Option({ flags: '--password <password>', description: 'at least 12 characters; omitted: a random one is generated and printed' })
  password(value: string): string {
    return passwordOption(value);
  }
}
