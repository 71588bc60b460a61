import { CaseState } from './case-state';
import { CASE_STATUSES, SANCTIONS } from './case-status';
import { finalActionOf, isCaseOpen, isPublishedDecisionPending, sustainedFindingsOf } from './case-facts';
import { caseIn, day, DISCRETIONARY, MANDATORY } from './testing/case-fixtures';

const categoryOf = (code: string) => (code === MANDATORY.code ? 'criminal_conduct' : 'unprofessional_conduct');

describe('case facts for hiring checks and the public record', () => {
  it('should count every status but the closed ones as open', () => {
    const open = CASE_STATUSES.filter(isCaseOpen);
    expect(open).toEqual(['open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed']);
  });

  // Every status × every sanction: pending only while decided or appealed, and only for an order that is published once final.
  it.each(CASE_STATUSES.flatMap((status) => SANCTIONS.map((sanction) => [status, sanction] as const)))(
    'a %s case decided %s: pending and published?',
    (status, sanction) => {
      const state = caseIn(status);
      const decided = { status, decision: state.decision && { ...state.decision, sanction } };
      const expected = (status === 'decided' || status === 'appealed') && ['revoke', 'suspend', 'retrain'].includes(sanction);
      expect(isPublishedDecisionPending(decided)).toBe(expected);
    },
  );

  it('should not count a decided status without a decision as pending', () => {
    expect(isPublishedDecisionPending({ status: 'decided', decision: null })).toBe(false);
  });

  it('should publish a final suspension with its end date, and nothing before the case is final', () => {
    const final = caseIn('final');
    expect(finalActionOf(final, '2026-000001', categoryOf)).toEqual({
      type: 'suspension',
      effectiveOn: day(-40),
      endsOn: day(50),
      groundCategory: 'unprofessional_conduct',
      caseNumber: '2026-000001',
    });
    expect(finalActionOf(caseIn('decided'), 'x', categoryOf)).toBeNull();
    expect(finalActionOf(caseIn('appealed'), 'x', categoryOf)).toBeNull();
    expect(finalActionOf(caseIn('reversed'), 'x', categoryOf)).toBeNull();
  });

  it('should publish a revocation under the mandatory ground and date a stayed decision from its upholding', () => {
    const base = caseIn('final');
    const state: CaseState = {
      ...base,
      grounds: [DISCRETIONARY, MANDATORY],
      decision: {
        ...base.decision!,
        sanction: 'revoke',
        suspensionDays: null,
        findings: [
          { ground: DISCRETIONARY.code, sustained: true },
          { ground: MANDATORY.code, sustained: true },
        ],
      },
      appeal: { filedOn: day(-35), forum: 'Superior Court', stayed: true, outcome: 'upheld', resolvedOn: day(-2) },
    };
    expect(finalActionOf(state, 'n', categoryOf)).toEqual({
      type: 'revocation',
      effectiveOn: day(-2),
      endsOn: null,
      groundCategory: 'criminal_conduct',
      caseNumber: 'n',
    });
  });

  it('should publish nothing for a reprimand and count sustained findings of final cases only', () => {
    const reprimand = caseIn('final');
    reprimand.decision = { ...reprimand.decision!, sanction: 'reprimand', suspensionDays: null };
    expect(finalActionOf(reprimand, 'n', categoryOf)).toBeNull();
    expect(sustainedFindingsOf(reprimand)).toBe(1);
    expect(sustainedFindingsOf(caseIn('decided'))).toBe(0);
    expect(sustainedFindingsOf(caseIn('reversed'))).toBe(0);
  });
});
