import { headerProblems, stagingKey } from './import-kinds';
import { checkCertificationRow, checkEmploymentRow, checkFinalActionRow, checkOfficerRow, checkTrainingRow, parseAliases, RowCheck } from './row-rules';

const context = { today: '2025-07-01' };
const reasons = (check: RowCheck<unknown>) => (check.ok ? [] : check.errors.map((e) => `${e.field}:${e.reason}`));

describe('import row rules', () => {
  const officer = { sourceId: 'S1', firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-01-31' };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a minimal officer', officer, []],
    [
      'every optional field',
      { ...officer, middleName: 'Q', suffix: 'Jr', ssnLast4: '1234', email: 'a@b.org', aliases: 'Ann Smith|Annie Lee', postId: 'MA-000123' },
      [],
    ],
    ['an impossible date', { ...officer, dateOfBirth: '1980-02-30' }, ['dateOfBirth:invalid']],
    ['a date of birth in the future', { ...officer, dateOfBirth: '2026-01-01' }, ['dateOfBirth:in_future']],
    ['a date of birth 130 years ago', { ...officer, dateOfBirth: '1895-01-01' }, ['dateOfBirth:invalid']],
    ['missing names', { sourceId: 'S1', dateOfBirth: '1980-01-31' }, ['firstName:missing', 'lastName:missing']],
    ['blank cells as missing', { ...officer, firstName: '  ' }, ['firstName:missing']],
    [
      'a bad SSN, email, alias and POST ID',
      { ...officer, ssnLast4: '12a4', email: 'nope', aliases: 'Cher', postId: 'MA-12' },
      ['ssnLast4:invalid', 'email:invalid', 'aliases:invalid', 'postId:invalid'],
    ],
    ['an unknown field', { ...officer, rank: 'sergeant' }, ['rank:unknown_field']],
    ['a control character in a name', { ...officer, lastName: 'Le\u0007e' }, ['lastName:invalid']],
  ])('officers: %s', (_name, raw, expected) => expect(reasons(checkOfficerRow(raw, context))).toEqual(expected));

  const employment = { officerSourceId: 'S1', agencyCode: 'AG-1', startDate: '2010-01-01' };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['an open employment', employment, []],
    ['by POST ID', { postId: 'MA-000001', agencyCode: 'AG-1', startDate: '2010-01-01' }, []],
    [
      'a separation',
      { ...employment, endDate: '2012-01-01', separationNature: 'resigned', separationReason: 'left\nsuddenly', underInvestigation: 'true' },
      [],
    ],
    ['an NDJSON boolean', { ...employment, endDate: '2012-01-01', separationNature: 'retired', underInvestigation: false }, []],
    ['ending before it starts', { ...employment, endDate: '2009-12-31', separationNature: 'resigned' }, ['endDate:ends_before_start']],
    ['a nature outside the set', { ...employment, endDate: '2012-01-01', separationNature: 'fired' }, ['separationNature:not_in_set']],
    ['an end without a nature', { ...employment, endDate: '2012-01-01' }, ['separationNature:missing']],
    [
      'a separation without an end',
      { ...employment, separationNature: 'resigned', underInvestigation: 'true' },
      ['separationNature:separation_without_end', 'underInvestigation:separation_without_end'],
    ],
    ['no officer', { agencyCode: 'AG-1', startDate: '2010-01-01' }, ['officerSourceId:missing']],
    ['both officer references', { ...employment, postId: 'MA-000001' }, ['officerSourceId:ambiguous_officer']],
    ['a bad flag', { ...employment, endDate: '2012-01-01', separationNature: 'other', underInvestigation: 'maybe' }, ['underInvestigation:invalid']],
  ])('employments: %s', (_name, raw, expected) => expect(reasons(checkEmploymentRow(raw, context))).toEqual(expected));

  const certification = { officerSourceId: 'S1', status: 'certified', issuedOn: '2024-01-01', expiresOn: '2027-01-01' };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a certification', certification, []],
    ['a status outside the set', { ...certification, status: 'decertified' }, ['status:not_in_set']],
    ['expiry before issue', { ...certification, expiresOn: '2023-01-01' }, ['expiresOn:expires_before_issue']],
    ['certified without a term', { officerSourceId: 'S1', status: 'certified' }, ['issuedOn:missing', 'expiresOn:missing']],
    ['not certified with dates', { officerSourceId: 'S1', status: 'not_certified', issuedOn: '2024-01-01' }, ['status:dates_without_certification']],
    ['first certified after this term began', { ...certification, firstCertifiedOn: '2024-06-01' }, ['firstCertifiedOn:first_after_issue']],
  ])('certifications: %s', (_name, raw, expected) => expect(reasons(checkCertificationRow(raw, context))).toEqual(expected));

  const training = {
    postId: 'MA-000001',
    courseCode: 'BASIC',
    academyCode: 'ACAD',
    completedOn: '2020-05-05',
    hours: '8.5',
    result: 'pass',
    externalRef: 'R-1',
  };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a completion', training, []],
    ['hours as a number', { ...training, hours: 8 }, []],
    ['hours that are no number', { ...training, hours: 'eight' }, ['hours:invalid']],
    ['three decimals', { ...training, hours: '8.125' }, ['hours:invalid']],
    ['a result outside the set', { ...training, result: 'passed' }, ['result:not_in_set']],
    ['completed in the future', { ...training, completedOn: '2025-07-02' }, ['completedOn:in_future']],
    ['a blank-padded reference', { ...training, externalRef: ' R-1' }, ['externalRef:invalid']],
  ])('training: %s', (_name, raw, expected) => expect(reasons(checkTrainingRow(raw, context))).toEqual(expected));

  const action = {
    sourceId: 'FA-1',
    officerSourceId: 'S1',
    type: 'revocation',
    effectiveOn: '2020-01-01',
    decidedOn: '2019-12-01',
    jurisdiction: 'MA',
    caseReference: 'C-1',
  };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a revocation', action, []],
    ['a suspension with an end', { ...action, type: 'suspension', endsOn: '2020-06-01' }, []],
    ['an end on a revocation', { ...action, endsOn: '2020-06-01' }, ['endsOn:ends_without_suspension']],
    ['a suspension ending before it starts', { ...action, type: 'suspension', endsOn: '2019-06-01' }, ['endsOn:ends_before_start']],
    ['a type outside the set', { ...action, type: 'reprimand' }, ['type:not_in_set']],
    ['a jurisdiction that is no state code', { ...action, jurisdiction: 'Mass' }, ['jurisdiction:invalid']],
    ['decided in the future', { ...action, decidedOn: '2026-01-01' }, ['decidedOn:in_future']],
  ])('final actions: %s', (_name, raw, expected) => expect(reasons(checkFinalActionRow(raw, context))).toEqual(expected));

  it('should read aliases as "First Last" names, the last word the surname', () => {
    expect(parseAliases('Mary Ann Smith | Bo Li')).toEqual([
      { firstName: 'Mary Ann', lastName: 'Smith' },
      { firstName: 'Bo', lastName: 'Li' },
    ]);
    expect(parseAliases('Cher')).toBeNull();
  });

  it.each<[string, string[], string[]]>([
    ['a full header', ['sourceId', 'firstName', 'lastName', 'dateOfBirth', 'aliases'], []],
    ['a missing and an unknown column', ['sourceId', 'firstName', 'lastNme', 'dateOfBirth'], ['lastNme', 'lastName']],
    ['a repeated column', ['sourceId', 'sourceId', 'firstName', 'lastName', 'dateOfBirth'], ['sourceId']],
  ])('officers header: %s', (_name, header, fields) => expect(headerProblems('officers', header).map((p) => p.field)).toEqual(fields));

  it('should need an officer reference column in the other kinds', () => {
    expect(headerProblems('training', ['courseCode', 'academyCode', 'completedOn', 'hours', 'result', 'externalRef']).map((p) => p.field)).toEqual([
      'officerSourceId',
    ]);
  });

  it('should key rows so that two rows of one file for the same record collide', () => {
    expect(stagingKey('employments', { officerSourceId: 'S1', agencyCode: 'A', startDate: '2010-01-01' })).toBe('s:S1|A|2010-01-01');
    expect(stagingKey('training', { academyCode: 'A', externalRef: 'R' })).toBe('A|R');
    expect(stagingKey('officers', { firstName: 'x' })).toBeNull();
  });

  it('should key a training row by the academy code as its check reads it (trimmed) and the reference byte for byte', () => {
    // Two chunks of a training import run at once: rows naming one completion must collide at upload, not in the table.
    expect(stagingKey('training', { academyCode: ' A ', externalRef: 'R' })).toBe(stagingKey('training', { academyCode: 'A', externalRef: 'R' }));
    expect(stagingKey('training', { academyCode: 'A', externalRef: ' R' })).not.toBe(stagingKey('training', { academyCode: 'A', externalRef: 'R' }));
  });
});
