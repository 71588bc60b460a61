import { Injectable } from '@nestjs/common';
import { Actor, systemActor } from '@app/core';
import { BootstrapService } from '@app/organizations';

/** The actor id of everything a CLI command writes (audit_log.actor_id). */
export const CLI_ACTOR_ID = 'cli';

/**
 * Who a command acts as: the server's operator, who holds the database's credentials anyway,
 * with a commission administrator's rights. Like the registry's own jobs (systemActor), it
 * acts for the commission; the audit log names it `cli`, so its entries stand apart from
 * every signed-in user's and from the first start's (actor_kind 'system').
 */
@Injectable()
export class OperatorActor {
  constructor(private readonly bootstrap: BootstrapService) {}

  /** On a database the API never started, the commission is created first (audited, as the API's first start does). */
  async resolve(): Promise<Actor> {
    const commission = await this.bootstrap.ensureCommission();
    return { ...systemActor(commission.id), id: CLI_ACTOR_ID, roles: ['commission_admin'] };
  }
}
