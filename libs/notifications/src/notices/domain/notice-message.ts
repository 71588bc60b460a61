import { IsoDate } from '@app/core';
import { NOTICE_DUE_DAYS, NoticeKind } from './notice-rules';

/** What a notice's mail may say: nothing restricted, nothing the officer's record does not already show them. */
export interface NoticeMessageFacts {
  kind: NoticeKind;
  postId: string;
  officerName: string;
  /** The organization that made the submission (an agency, or the commission). */
  submittedBy: string | null;
  /** A public reference: a case number, a report's version. */
  reference: string | null;
  submittedOn: IsoDate;
  commissionName: string;
  /** Where the officer reads the record (the portal). */
  readAt: string;
}

export interface NoticeMessage {
  subject: string;
  text: string;
}

const WHAT: Record<NoticeKind, (f: NoticeMessageFacts) => { title: string; sentence: string }> = {
  misconduct_report: (f) => ({
    title: 'A misconduct report about you was filed',
    sentence: `${f.submittedBy ?? 'An agency'} filed a misconduct report about you on ${f.submittedOn}.`,
  }),
  report_amendment: (f) => ({
    title: 'A misconduct report about you was amended',
    sentence: `${f.submittedBy ?? 'An agency'} amended a misconduct report about you on ${f.submittedOn}${f.reference ? ` (${f.reference})` : ''}.`,
  }),
  separation: (f) => ({
    title: 'Your separation was recorded',
    sentence: `${f.submittedBy ?? 'An agency'} recorded your separation from its service on ${f.submittedOn}.`,
  }),
  case_notice: (f) => ({
    title: `Notice in case ${f.reference ?? ''}`.trim(),
    sentence: `The commission issued a notice of grounds and proposed sanction in case ${f.reference ?? ''} on ${f.submittedOn}. The notice says when your response is due.`,
  }),
  case_decision: (f) => ({
    title: `Decision in case ${f.reference ?? ''}`.trim(),
    sentence: `The commission decided case ${f.reference ?? ''} on ${f.submittedOn}.`,
  }),
  imported_final_action: (f) => ({
    title: 'A final action was added to your record',
    sentence: `A final action from earlier records was added to your record on ${f.submittedOn}${f.reference ? ` (${f.reference})` : ''}.`,
  }),
  dispute_resolved: (f) => ({
    title: 'Your dispute was resolved',
    sentence: `The commission resolved your dispute on ${f.submittedOn}.`,
  }),
  invitation: (f) => ({
    title: 'Your officer portal account',
    sentence: `An account was prepared for you on the officer portal on ${f.submittedOn}.`,
  }),
};

/**
 * The mail of a notice: what was submitted, by whom and when, and where to read it. Never
 * the content (a report's summary, a case's grounds): mail travels further than the portal,
 * so it names the record and sends the officer to read it where they sign in.
 */
export function noticeMessage(facts: NoticeMessageFacts): NoticeMessage {
  const { title, sentence } = WHAT[facts.kind](facts);
  const text = [
    `${facts.officerName} (POST ID ${facts.postId}),`,
    '',
    sentence,
    '',
    `Read it in the officer portal: ${facts.readAt}`,
    '',
    `The ${facts.commissionName} tells every officer of each submission about them within ${NOTICE_DUE_DAYS} days (555 CMR 12.00).`,
    'This message holds no details of the record; the portal shows it in full.',
  ].join('\n');
  return { subject: `${title} (${facts.postId})`, text };
}
