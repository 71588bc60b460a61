import { disputeSubjectProblem, DisputeSubjectType, markKey } from './dispute';

describe('dispute subjects', () => {
  const id = '6f1c2a52-1111-4a6b-9d8e-000000000001';
  it.each<[DisputeSubjectType, string | undefined, string | null]>([
    ['identity', undefined, null],
    ['identity', id, 'subject_id_not_expected'],
    ['certification', undefined, null],
    ['certification', id, 'subject_id_not_expected'],
    ['training_completion', id, null],
    ['training_completion', undefined, 'subject_id_required'],
    ['employment', id, null],
    ['employment', undefined, 'subject_id_required'],
    ['misconduct_report', id, null],
    ['misconduct_report', undefined, 'subject_id_required'],
  ])('%s with id %s: %s', (type, subjectId, problem) => {
    expect(disputeSubjectProblem({ type, id: subjectId })).toBe(problem);
  });

  it('marks identity and certification by the officer, the others by the record', () => {
    expect(markKey('identity', null, 'o1')).toBe('identity:o1');
    expect(markKey('certification', null, 'o1')).toBe('certification:o1');
    expect(markKey('employment', 'e1', 'o1')).toBe('employment:e1');
  });
});
