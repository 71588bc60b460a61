import { DomainError } from '@app/core';
import { CASE_ACTIONS, CaseAction } from '@app/discipline';
import { CaseActionPipe } from './case-action.pipe';

/** One valid request per action, shaped like the domain's CaseCommand plus `expectedVersion`. */
const VALID: Record<CaseAction, Record<string, unknown>> = {
  interim_suspend: { trigger: 'felony_arrest', reason: 'Arrested' },
  record_interim_hearing: { requestedOn: '2026-03-10', heldOn: '2026-03-12', waived: false, outcome: 'lifted' },
  issue_notice: { proposedSanction: 'suspend', responseDueOn: '2026-03-24' },
  record_response: { summary: 'Denies', hearingRequested: true, waivesHearing: false },
  schedule_hearing: { hearingOn: '2026-03-30' },
  record_hearing: { heldOn: '2026-03-30', summary: 'Heard' },
  decide: { sanction: 'suspend', suspensionDays: 30, findings: [{ ground: 'other_cause', sustained: true }], reasoning: 'Proved' },
  appeal: { filedOn: '2026-04-01', forum: 'Superior Court', stayed: true },
  resolve_appeal: { outcome: 'upheld', summary: 'Affirmed' },
  finalize: { appealWaived: true },
  dismiss: { reason: 'Withdrawn' },
};

const pipe = new CaseActionPipe();
const fieldsRefused = (body: unknown): string[] => {
  try {
    pipe.transform(body);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return [...new Set((error.extensions.errors as { field: string }[]).map((e) => e.field))];
    throw error;
  }
  return [];
};

describe('CaseActionPipe', () => {
  it.each(CASE_ACTIONS)('should accept a valid %s request and keep every field', (action) => {
    const body = { action, expectedVersion: 3, ...VALID[action] };
    expect(pipe.transform(body)).toEqual(body);
  });

  it.each(CASE_ACTIONS)('should refuse %s with the payload of another action', (action) => {
    const other = action === 'dismiss' ? 'issue_notice' : 'dismiss';
    const foreign = Object.keys(VALID[other]).filter((field) => !(field in VALID[action]));
    expect(fieldsRefused({ action, expectedVersion: 3, ...VALID[action], ...VALID[other] })).toEqual(expect.arrayContaining(foreign));
  });

  it('should name the missing expectedVersion, an unknown action and a non-object body', () => {
    expect(fieldsRefused({ action: 'dismiss', reason: 'x' })).toEqual(['expectedVersion']);
    expect(fieldsRefused({ action: 'close', expectedVersion: 1 })).toEqual(['action']);
    expect(fieldsRefused({ expectedVersion: 1 })).toEqual(['action']);
    expect(fieldsRefused([{ action: 'dismiss' }])).toEqual(['body']);
  });

  it.each([
    ['suspensionDays', 0],
    ['suspensionDays', 3651],
    ['suspensionDays', 1.5],
    ['findings', []],
    ['sanction', 'fine'],
  ])('should refuse decide with %s = %p', (field, value) => {
    expect(fieldsRefused({ action: 'decide', expectedVersion: 1, ...VALID.decide, [field]: value })).toContain(field);
  });

  it('should refuse impossible dates and blank text with the field named', () => {
    expect(fieldsRefused({ action: 'issue_notice', expectedVersion: 1, proposedSanction: 'revoke', responseDueOn: '2026-02-30' })).toEqual(['responseDueOn']);
    expect(fieldsRefused({ action: 'dismiss', expectedVersion: 1, reason: '   ' })).toEqual(['reason']);
  });
});
