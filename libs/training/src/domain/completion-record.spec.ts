import { checkCompletionRecord, completionDateError, completionHoursError, hoursFromText, sameCompletion, sortFieldErrors } from './completion-record';

const valid = { postId: 'MA-000042', courseCode: 'MPTC-BASIC', completedOn: '2025-06-30', hours: 40, result: 'pass', externalRef: 'ROSTER/0042' };

const errorsOf = (raw: unknown) => {
  const check = checkCompletionRecord(raw);
  return check.ok ? [] : check.errors.map(({ field, reason }) => `${field}:${reason}`);
};

describe('checkCompletionRecord', () => {
  it('should accept a complete record and return exactly its six fields', () => {
    expect(checkCompletionRecord(valid)).toEqual({ ok: true, input: valid });
  });

  it.each([
    ['an impossible date', { completedOn: '1995-02-30' }, 'completedOn:invalid'],
    ['a date without zero padding', { completedOn: '1995-2-3' }, 'completedOn:invalid'],
    ['a date before 1900', { completedOn: '1899-12-31' }, 'completedOn:invalid'],
    ['negative hours', { hours: -4 }, 'hours:invalid'],
    ['zero hours', { hours: 0 }, 'hours:invalid'],
    ['hours rounding to 0.00', { hours: 1e-9 }, 'hours:invalid'],
    ['hours just under 0.01', { hours: 0.009 }, 'hours:invalid'],
    ['absurd hours', { hours: 2000.01 }, 'hours:invalid'],
    ['hours with 3 decimals', { hours: 1.234 }, 'hours:invalid'],
    ['hours as text', { hours: '40' }, 'hours:invalid'],
    ['hours as NaN', { hours: Number.NaN }, 'hours:invalid'],
    ['a result outside pass/fail', { result: 'passed' }, 'result:invalid'],
    ['a malformed POST ID', { postId: 'ma-42' }, 'postId:invalid'],
    ['a lower-case course code', { courseCode: 'basic' }, 'courseCode:invalid'],
    ['an empty externalRef', { externalRef: '' }, 'externalRef:invalid'],
    ['an externalRef with a trailing blank', { externalRef: 'R-1 ' }, 'externalRef:invalid'],
    ['an externalRef with a control character', { externalRef: 'R\u00001' }, 'externalRef:invalid'],
    ['an externalRef of 101 characters', { externalRef: 'x'.repeat(101) }, 'externalRef:invalid'],
    ['a missing field', { postId: undefined }, 'postId:missing'],
    ['a null field', { result: null }, 'result:missing'],
  ])('should refuse %s', (_, change, expected) => {
    expect(errorsOf({ ...valid, ...change })).toEqual([expected]);
  });

  it('should accept the bounds: 0.01 and 2000 hours, 100-character references, 1900-01-01', () => {
    for (const change of [{ hours: 0.01 }, { hours: 2000 }, { hours: 8.55 }, { externalRef: 'x'.repeat(100) }, { completedOn: '1900-01-01' }]) {
      expect(errorsOf({ ...valid, ...change })).toEqual([]);
    }
  });

  it('should report every error of a record at once, unknown fields included', () => {
    expect(errorsOf({ ...valid, hours: -1, completedOn: '2025-13-01', academyId: 'someone-else' })).toEqual([
      'academyId:unknown_field',
      'completedOn:invalid',
      'hours:invalid',
    ]);
  });

  it('should hand back the fields that passed, for the rules that need the registry', () => {
    const check = checkCompletionRecord({ ...valid, hours: -1, result: 'maybe' });
    expect(check).toMatchObject({
      ok: false,
      partial: { postId: valid.postId, courseCode: valid.courseCode, completedOn: valid.completedOn, externalRef: valid.externalRef },
    });
    expect(check.ok ? undefined : Object.keys(check.partial)).not.toContain('hours');
  });

  it.each([null, 'text', 42, [valid]])('should refuse a record that is not an object (%p)', (raw) => {
    expect(errorsOf(raw)).toEqual(['record:invalid']);
  });
});

describe('completionDateError', () => {
  it('should accept today and refuse tomorrow', () => {
    expect(completionDateError({ completedOn: '2025-06-30' }, '2025-06-30')).toBeNull();
    expect(completionDateError({ completedOn: '2025-07-01' }, '2025-06-30')).toMatchObject({
      field: 'completedOn',
      reason: 'completed_on_in_future',
    });
  });
});

describe('sameCompletion', () => {
  const stored = { officerId: 'o1', courseId: 'c1', completedOn: '2025-06-30', hours: 40, result: 'pass' as const };

  it('should treat 40 and 40.00 hours as the same body', () => {
    expect(sameCompletion(stored, { ...stored, hours: 40.0 })).toBe(true);
  });

  it.each([{ officerId: 'o2' }, { courseId: 'c2' }, { completedOn: '2025-06-29' }, { hours: 40.5 }, { result: 'fail' as const }])(
    'should tell a different body apart (%p)',
    (change) => {
      expect(sameCompletion(stored, { ...stored, ...change })).toBe(false);
    },
  );
});

describe('hoursFromText', () => {
  it('should turn plain decimals into numbers and leave anything else as text', () => {
    expect(hoursFromText('40')).toBe(40);
    expect(hoursFromText('7.5')).toBe(7.5);
    expect(hoursFromText('-4')).toBe('-4');
    expect(hoursFromText('1e3')).toBe('1e3');
    expect(hoursFromText('forty')).toBe('forty');
  });
});

describe('sortFieldErrors', () => {
  it('should order errors as the fields are ordered, unknown fields last', () => {
    const error = (field: string) => ({ field, reason: 'invalid', message: '' });
    expect(sortFieldErrors([error('hours'), error('extra'), error('postId'), error('courseCode')]).map((e) => e.field)).toEqual([
      'postId',
      'courseCode',
      'hours',
      'extra',
    ]);
  });
});

describe('completionHoursError (DOMAIN.md: a completion never exceeds its course)', () => {
  it.each([
    [4, 4, null],
    [3.5, 4, null],
    [0.01, 4, null],
    [4.01, 4, 'hours_exceed_course'],
    [120, 4, 'hours_exceed_course'],
    [7.5, 7.5, null],
    [8.55, 8.55, null], // 8.55 * 100 is 855.0000000000001 in binary floating point
    [8.56, 8.55, 'hours_exceed_course'],
  ])('%d hours of a %d-hour course: %s', (hours, courseHours, reason) => {
    const error = completionHoursError({ hours }, courseHours);
    expect(error?.reason ?? null).toBe(reason);
    if (error) expect(error).toEqual({ field: 'hours', reason, message: `hours ${hours} exceed the course's ${courseHours} hours` });
  });
});
