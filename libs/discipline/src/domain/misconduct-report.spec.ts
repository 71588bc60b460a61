import { REPORT_ERROR_CODES } from './discipline.errors';
import { assessNewReport, checkAmendedReport } from './misconduct-report';
import { checkSeparation } from './separation';
import { errorOf } from './testing/case-fixtures';

const CONFIG = { deadlineBusinessDays: 2, holidays: ['2026-03-16'] };

describe('assessNewReport (c. 6E §8(b): 2 business days from receipt)', () => {
  it.each([
    // received, filed, due, late
    ['2026-03-10', '2026-03-10', '2026-03-12', false], // Tuesday, same day
    ['2026-03-10', '2026-03-12', '2026-03-12', false], // last day on time
    ['2026-03-10', '2026-03-13', '2026-03-12', true], // one day late
    ['2026-03-12', '2026-03-14', '2026-03-17', false], // Thursday: the weekend and the Monday holiday do not count
    ['2026-03-12', '2026-03-17', '2026-03-17', false],
    ['2026-03-12', '2026-03-18', '2026-03-17', true],
  ])('received %s, filed %s: due %s, late %s', (receivedOn, filedOn, dueOn, late) => {
    expect(assessNewReport({ incidentDate: '2026-03-01', receivedOn }, filedOn, CONFIG)).toEqual({ receivedOn, filedOn, dueOn, late });
  });

  it('should refuse dates after the filing day and a receipt before the incident, all at once', () => {
    const error = errorOf(() => assessNewReport({ incidentDate: '2026-03-11', receivedOn: '2026-03-12' }, '2026-03-10', CONFIG));
    expect(error.code).toBe(REPORT_ERROR_CODES.ruleRefused);
    expect(error.extensions.reasons).toEqual(['incident_date_in_future', 'received_on_in_future']);
    const before = errorOf(() => assessNewReport({ incidentDate: '2026-03-05', receivedOn: '2026-03-04' }, '2026-03-10', CONFIG));
    expect(before.extensions.reasons).toEqual(['received_before_incident']);
  });

  it('should check an amended incident date against the kept receipt date', () => {
    expect(() => checkAmendedReport('2026-03-01', '2026-03-02', '2026-03-10')).not.toThrow();
    expect(errorOf(() => checkAmendedReport('2026-03-03', '2026-03-02', '2026-03-10')).extensions.reasons).toEqual(['received_before_incident']);
    expect(errorOf(() => checkAmendedReport('2026-03-11', '2026-03-12', '2026-03-10')).extensions.reasons).toEqual(['incident_date_in_future']);
  });
});

describe('checkSeparation (555 CMR 12.03)', () => {
  const open = { startDate: '2020-01-06', endDate: null };

  it('should accept an end date between the start and today', () => {
    expect(() => checkSeparation(open, '2020-01-06', '2026-03-10')).not.toThrow();
    expect(() => checkSeparation(open, '2026-03-10', '2026-03-10')).not.toThrow();
  });

  it('should refuse an employment already ended with a 409', () => {
    const error = errorOf(() => checkSeparation({ ...open, endDate: '2025-01-01' }, '2026-03-01', '2026-03-10'));
    expect({ code: error.code, kind: error.kind }).toEqual({ code: 'EMPLOYMENT.ALREADY_SEPARATED', kind: 'conflict' });
  });

  it('should refuse an end before the start or after today with every reason', () => {
    expect(errorOf(() => checkSeparation(open, '2019-12-31', '2026-03-10')).extensions.reasons).toEqual(['end_before_start']);
    expect(errorOf(() => checkSeparation(open, '2026-03-11', '2026-03-10')).extensions.reasons).toEqual(['end_date_in_future']);
  });
});
