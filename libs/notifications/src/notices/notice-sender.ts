import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, dateInTimeZone } from '@app/core';
import { MailDeliveryError, MailTransport } from '@app/mail';
import { DataSource } from 'typeorm';
import { noticeMessage } from './domain/notice-message';
import { statusAfterFailedAttempt } from './domain/notice-rules';
import { findNoticeToSend } from './persistence/notice.queries';
import { AttemptOutcome, claimForAttempt, recordAttemptOutcome } from './persistence/notice.store';

/** `done`: nothing more to do for this notice; `retry`: try again later (the job fails so the queue retries it). */
export type AttemptResult = 'done' | 'retry';

/**
 * One attempt at mailing one notice, outside any request's transaction: claim it (the attempt
 * is counted before the mail goes out), send through the one mail transport (@app/mail), then
 * record what happened with an audit entry. The mail says what was submitted and where to read
 * it (notice-message.ts); the address goes only to the transport.
 */
@Injectable()
export class NoticeSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailTransport,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async attempt(noticeId: string): Promise<AttemptResult> {
    const claim = await claimForAttempt(this.dataSource.manager, noticeId);
    if (claim === 'not_queued') return 'done';
    if (claim === 'leased') return 'retry';
    const notice = await findNoticeToSend(this.dataSource.manager, noticeId);
    if (!notice) return 'done';

    let outcome: AttemptOutcome;
    if (!this.mail.configured) outcome = { status: 'no_transport' };
    else if (!notice.email) outcome = { status: 'no_address' };
    else {
      const message = noticeMessage({
        kind: notice.kind,
        postId: notice.postId,
        officerName: [notice.firstName, notice.middleName, notice.lastName, notice.suffix].filter(Boolean).join(' '),
        submittedBy: notice.submittedByName,
        reference: notice.reference,
        submittedOn: dateInTimeZone(notice.createdAt, this.clock.timeZone),
        commissionName: this.config.getOrThrow<string>('commissionName'),
        readAt: `${this.config.getOrThrow<string>('publicBaseUrl')}/console/`,
      });
      try {
        await this.mail.send({ to: notice.email, subject: message.subject, text: message.text });
        outcome = { status: 'sent', sentAt: this.clock.now() };
      } catch (error) {
        outcome = { status: statusAfterFailedAttempt(claim.attempts), failure: failureCode(error) };
      }
    }

    await this.dataSource.transaction(async (manager) => {
      await recordAttemptOutcome(manager, noticeId, outcome);
      await this.audit.record(manager, null, {
        action: outcome.status === 'queued' ? 'notice.attempt_failed' : `notice.${outcome.status}`,
        entityType: 'notice',
        entityId: noticeId,
        details: { postId: notice.postId, attempt: claim.attempts, ...('failure' in outcome ? { failure: outcome.failure } : {}) },
      });
    });
    return outcome.status === 'queued' ? 'retry' : 'done';
  }
}

/** A code for the record, never the server's words (they can quote the address). */
function failureCode(error: unknown): string {
  if (error instanceof MailDeliveryError) return error.responseCode !== undefined ? `smtp_${error.responseCode}` : 'unreachable';
  return 'error';
}
