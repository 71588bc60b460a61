import { describe, expect, it } from '@jest/globals';
import { answerRefusalWords, caseActorWords, disputeOutcomeWords, disputeSubjectWords, noticeKindWords } from './portal-words';

describe("the officers' portal codes in words", () => {
  it.each([
    ['response_window_closed', { responseDueOn: '2026-03-24' }, /^The time to answer this notice ended on Mar 24, 2026\. Your answer was not recorded/],
    ['response_window_closed', {}, /^The time to answer this notice ended\. /],
    ['response_already_recorded', {}, /^Your answer to this notice is already recorded/],
    ['hearing_requested_and_waived', {}, /^You cannot both ask for a hearing and waive it/],
    [{ code: 'a_newer_rule' }, {}, /^A newer rule\.$/],
  ])('says why the answer %j was refused', (reason, details, words) => {
    expect(answerRefusalWords(reason, details)).toMatch(words);
  });

  it.each([
    ['case_notice', 'Notice of a commission case: you may answer'],
    ['dispute_resolved', 'The commission resolved your dispute'],
    ['something_new', 'Something new'],
  ])('names the notice kind %s', (kind, words) => {
    expect(noticeKindWords(kind)).toBe(words);
  });

  it.each([
    ['misconduct_report', 'A misconduct report'],
    ['certification', 'Your certification'],
  ])('names the disputed part %s', (type, words) => {
    expect(disputeSubjectWords(type)).toBe(words);
  });

  it.each([
    ['rejected', 'Rejected: the record stands'],
    ['corrected', 'Corrected: the record was changed'],
  ])('says the outcome %s', (outcome, words) => {
    expect(disputeOutcomeWords(outcome)).toBe(words);
  });

  it.each([
    [{ kind: 'user', organizationId: null }, 'You'],
    [{ kind: 'user', organizationId: 'c0ffee00-0000-4000-8000-000000000000' }, 'The commission'],
    [{ kind: 'user', organizationId: 'c0ffee00-0000-4000-8000-000000000000', role: null }, 'The commission'],
    [{ kind: 'user', organizationId: 'c0ffee00-0000-4000-8000-000000000000', role: 'commission_adjudicator' }, 'Commission adjudicator'],
    [{ kind: 'user', organizationId: 'c0ffee00-0000-4000-8000-000000000000', role: 'commission_investigator' }, 'Commission investigator'],
    [{ kind: 'user', organizationId: null, role: 'officer' }, 'You'],
  ])('names who acted %j', (actor, words) => {
    expect(caseActorWords(actor)).toBe(words);
  });
});
