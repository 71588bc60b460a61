import { partAfter, WORK_QUEUE_KEYSET, workItem, WorkItemRow } from './work-queue';

const CASE_ID = '0b5f5d1e-3c1a-4e57-9c3a-1d2f3a4b5c6d';
const cursorOf = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

describe('work queue', () => {
  const row: WorkItemRow = {
    kind: 'case_deadline',
    reason: 'interim_hearing',
    dueOn: '2026-06-09',
    subjectType: 'case',
    subjectId: CASE_ID,
    postId: 'MA-000001',
    reference: '2026-000001',
    itemKey: `${CASE_ID}/interim_hearing`,
  };

  it.each([
    ['2026-06-08', false],
    ['2026-06-09', false],
    ['2026-06-10', true],
  ])('on %s an item due 2026-06-09 is overdue: %s', (today, overdue) => {
    expect(workItem(row, today).overdue).toBe(overdue);
  });

  it('names the case in the summary and keeps the subject', () => {
    expect(workItem(row, '2026-06-15')).toMatchObject({
      kind: 'case_deadline',
      reason: 'interim_hearing',
      subject: { type: 'case', id: CASE_ID, postId: 'MA-000001' },
      summary: expect.stringMatching(/^Case 2026-000001: /),
    });
  });

  it.each([
    ['a kind before the cursor’s: later days only', 'case_deadline', { op: 'after_day', dueOn: '2026-06-09' }],
    ['the cursor’s kind: the same day after its key', 'late_report', { op: 'after_key', dueOn: '2026-06-09', itemKey: CASE_ID }],
    ['a kind after the cursor’s: the cursor’s day too', 'webhook_failing', { op: 'from_day', dueOn: '2026-06-09' }],
  ] as const)('after a cursor, %s', (_, kind, expected) => {
    expect(partAfter(kind, { dueOn: '2026-06-09', kind: 'late_report', itemKey: CASE_ID })).toEqual(expected);
  });

  it('reads back the cursors it writes, and nothing else', () => {
    const position = { dueOn: '2026-06-09', kind: 'case_deadline' as const, itemKey: `${CASE_ID}/hearing` };
    expect(WORK_QUEUE_KEYSET.after(cursorOf(position))).toEqual(position);
    for (const forged of [
      { ...position, kind: 'late_report' },
      { ...position, itemKey: CASE_ID },
      { ...position, dueOn: '2026-02-30' },
      { ...position, kind: 'everything' },
      { dueOn: '2026-06-09', kind: 'notice_overdue', itemKey: "x' OR 1=1" },
    ])
      expect(() => WORK_QUEUE_KEYSET.after(cursorOf(forged))).toThrow();
  });
});
