import { initialDelivery, isOverdue, noticeDueBy, statusAfterFailedAttempt } from './notice-rules';
import { noticeMessage } from './notice-message';
import { NOTICE_KINDS } from './notice-rules';

describe('notice rules', () => {
  it.each([
    ['2026-03-10', '2026-03-20'],
    ['2026-02-25', '2026-03-07'],
    ['2024-02-25', '2024-03-06'],
    ['2026-12-28', '2027-01-07'],
  ])('a submission on %s is due by %s (10 calendar days, weekends included)', (submittedOn, dueBy) => {
    expect(noticeDueBy(submittedOn)).toBe(dueBy);
  });

  it.each([
    [
      { hasEmail: true, mailConfigured: true },
      { channel: 'email', status: 'queued' },
    ],
    [
      { hasEmail: true, mailConfigured: false },
      { channel: 'email', status: 'no_transport' },
    ],
    [
      { hasEmail: false, mailConfigured: true },
      { channel: 'portal', status: 'no_address' },
    ],
    [
      { hasEmail: false, mailConfigured: false },
      { channel: 'portal', status: 'no_address' },
    ],
  ])('a notice for %j starts as %j', (facts, expected) => {
    expect(initialDelivery(facts)).toEqual(expected);
  });

  it.each([
    ['queued', '2026-03-20', '2026-03-20', false],
    ['queued', '2026-03-20', '2026-03-21', true],
    ['failed', '2026-03-20', '2026-03-21', true],
    ['no_address', '2026-03-20', '2026-03-21', true],
    ['no_transport', '2026-03-20', '2026-03-21', true],
    ['sent', '2026-03-20', '2026-04-30', false],
  ] as const)('a %s notice due by %s is overdue on %s: %s', (status, dueBy, today, overdue) => {
    expect(isOverdue({ status, dueBy }, today)).toBe(overdue);
  });

  it.each([
    [1, 'queued'],
    [4, 'queued'],
    [5, 'failed'],
    [6, 'failed'],
  ])('after failed attempt %i the notice is %s', (attempts, status) => {
    expect(statusAfterFailedAttempt(attempts, 5)).toBe(status);
  });
});

describe('notice message', () => {
  const facts = {
    postId: 'MA-000042',
    officerName: 'Jane Q. Doe',
    submittedBy: 'Springfield Police',
    reference: '2026-0007',
    submittedOn: '2026-03-10',
    commissionName: 'POST Commission',
    readAt: 'https://registry.example/console/',
  };

  it.each(NOTICE_KINDS)('a %s notice names the officer, the submission, its date and where to read it', (kind) => {
    const message = noticeMessage({ ...facts, kind });
    expect(message.subject).toContain('MA-000042');
    expect(message.text).toContain('Jane Q. Doe (POST ID MA-000042)');
    expect(message.text).toContain('2026-03-10');
    expect(message.text).toContain('Read it in the officer portal: https://registry.example/console/');
    expect(message.text).toContain('555 CMR 12.00');
  });

  it('names the agency of a report and the number of a case', () => {
    expect(noticeMessage({ ...facts, kind: 'misconduct_report' }).text).toContain('Springfield Police filed a misconduct report about you on 2026-03-10.');
    expect(noticeMessage({ ...facts, kind: 'case_decision' }).subject).toBe('Decision in case 2026-0007 (MA-000042)');
  });
});
