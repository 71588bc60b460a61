import { Injectable } from '@nestjs/common';
import { Actor } from '@app/core';
import { DisciplineOwnRecordService } from '@app/discipline';
import { disputeSubjectInvalid, disputeSubjectNotFound, disputeSubjectProblem, DisputeSubjectType, DisputesService, DisputeView } from '@app/disputes';
import { OfficerRecordsService, OfficersService } from '@app/officers';
import { TrainingCompletionsService } from '@app/training';
import { AccessControl } from '@app/audit';

/**
 * `POST /me/disputes`: the part of the record disputed must be the officer's own, found through
 * the context that owns it, read with the officer's account (whose policies see that officer
 * only); anything else is the 404 of an unknown record. Disputes then opens it.
 */
@Injectable()
export class OwnDisputesService {
  constructor(
    private readonly access: AccessControl,
    private readonly officers: OfficersService,
    private readonly records: OfficerRecordsService,
    private readonly training: TrainingCompletionsService,
    private readonly discipline: DisciplineOwnRecordService,
    private readonly disputes: DisputesService,
  ) {}

  async open(actor: Actor, command: { subject: { type: DisputeSubjectType; id?: string }; statement: string }): Promise<DisputeView> {
    const officer = await this.officers.requireOwn(actor);
    const subject = { type: command.subject.type, id: command.subject.id ?? null };
    const problem = disputeSubjectProblem(subject);
    if (problem) throw disputeSubjectInvalid(problem);
    if (subject.id !== null && !(await this.isOwn(actor, officer.postId, subject.type, subject.id))) {
      return this.access.refuse(
        actor,
        { action: 'dispute.open', entityType: subject.type, entityId: subject.id, details: { postId: officer.postId } },
        disputeSubjectNotFound(),
      );
    }
    return this.disputes.open(actor, { officer: { id: officer.id, postId: officer.postId }, subject, statement: command.statement });
  }

  private async isOwn(actor: Actor, postId: string, type: DisputeSubjectType, id: string): Promise<boolean> {
    switch (type) {
      case 'training_completion': {
        let cursor: string | undefined;
        do {
          const page = await this.training.listForOfficer(actor, postId, { limit: 500, cursor });
          if (page.items.some((c) => c.id === id)) return true;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return false;
      }
      case 'employment':
        return (await this.records.getRecord(actor, postId)).employmentHistory.some((e) => e.employmentId === id);
      case 'misconduct_report':
        return (await this.discipline.reportsAboutMe(actor)).some((r) => r.id === id);
      default:
        return false;
    }
  }
}
