import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { AccountTokensService, DeliveredAccountLink, IssuedAccountLink } from '@app/auth';
import { Actor } from '@app/core';
import { NoticesService } from '@app/notifications';
import { EmploymentService, OfficersService } from '@app/officers';
import { UsersService } from '@app/organizations';
import { DataSource } from 'typeorm';
import { notCurrentEmployer, officerAccountActive } from './domain/officer-portal.errors';
import { invitationAccess } from './officer-portal.policy';

/**
 * Officers' own accounts (API.md "Officers' own accounts"): an invitation makes the account
 * (role `officer`, no organization, no password yet) or renews the link of one never activated,
 * and issues its one-use activation link, in one transaction with an `invitation` notice and
 * the audit entry. The link is mailed after the commit to the address given, or returned once.
 */
@Injectable()
export class OfficerAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly employment: EmploymentService,
    private readonly users: UsersService,
    private readonly accountTokens: AccountTokensService,
    private readonly notices: NoticesService,
  ) {}

  async invite(actor: Actor, postId: string, email: string): Promise<DeliveredAccountLink> {
    const attempt = { action: 'officer_account.invite', entityType: 'officer', details: { postId } };
    const scope = await this.access.require(actor, attempt, invitationAccess(actor));
    // Any agency that employs or employed the officer sees them; a stranger gets the 404 of an unknown POST ID.
    const officer = await this.officers.requireVisibleByPostId(actor, postId, attempt.action);
    let issued: IssuedAccountLink;
    try {
      issued = await this.dataSource.transaction(async (manager) => {
        if ('employedNowBy' in scope && !(await this.employment.isEmployedBy(manager, officer.id, scope.employedNowBy))) throw notCurrentEmployer();
        const existing = await this.users.lockOfficerAccount(manager, officer.id);
        if (existing?.passwordHash) throw officerAccountActive();
        let userId: string;
        if (existing) {
          if (existing.email !== email.toLowerCase()) await this.users.changeInvitedAccountEmail(manager, existing.id, email);
          userId = existing.id;
        } else {
          userId = (await this.users.insertOfficerAccount(manager, officer.id, email)).id;
        }
        const link = await this.accountTokens.issueActivationIn(manager, actor, userId);
        await this.audit.record(manager, actor, {
          action: 'officer_account.invite',
          entityType: 'officer',
          entityId: officer.id,
          // Whether the account is new, never the address (restricted like the officer's email).
          details: { postId, userId, newAccount: !existing, expiresAt: link.expiresAt.toISOString() },
        });
        await this.notices.record(manager, actor, {
          officerId: officer.id,
          kind: 'invitation',
          subject: { type: 'officer_account', id: userId },
          submittedBy: actor.organizationId,
        });
        return link;
      });
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
    return this.accountTokens.deliverActivation(actor, issued);
  }
}
