import { organizationOf } from '@app/core';
import { generatePassword, UsersService } from '@app/organizations';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { OperatorActor } from '../operator-actor';
import { emailOption, passwordOption } from './option-values';

interface CreateAdminOptions {
  email: string;
  password?: string;
}

@Command({ name: 'create-admin', description: 'create a commission administrator (a generated password is printed once)' })
export class CreateAdminCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly operator: OperatorActor,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_arguments: string[], options: CreateAdminOptions): Promise<void> {
    const password = options.password ?? generatePassword();
    const actor = await this.operator.resolve();
    const user = await this.users.create(actor, organizationOf(actor), { email: options.email, password, roles: ['commission_admin'] });
    const shown = options.password ? '' : ` with password ${password} (shown once: sign in and store it)`;
    this.io.out(`Created commission administrator ${user.email} (id ${user.id})${shown}\n`);
  }

  @Option({ flags: '--email <email>', description: "the administrator's email (the sign-in name)", required: true })
  email(value: string): string {
    return emailOption(value);
  }

  @Option({ flags: '--password <password>', description: 'at least 12 characters; omitted: a random one is generated and printed' })
  password(value: string): string {
    return passwordOption(value);
  }
}
