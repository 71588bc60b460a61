import { Injectable } from '@nestjs/common';
import { UserEntity, UsersService } from '@app/organizations';
import { CommandFailure } from '../command-failure';

/** Commands name users by email; an unknown one is a one-line failure before anything is written. */
@Injectable()
export class UserByEmail {
  constructor(private readonly users: UsersService) {}

  /** `email` as emailOption gives it: trimmed and lower-cased, as stored. */
  async find(email: string): Promise<UserEntity> {
    const user = await this.users.findByEmail(email);
    if (!user) throw new CommandFailure(`No user with email ${email}.`);
    return user;
  }
}
