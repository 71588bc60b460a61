import { csvCell, csvRow } from './csv';

describe('CSV cells (RFC 4180)', () => {
  it('should leave plain values as they are and write null as empty', () => {
    expect(csvRow(['MA-000042', 'Jane Smith', '2025-01-01', null])).toBe('MA-000042,Jane Smith,2025-01-01,\r\n');
  });

  it('should quote commas, quotes, line breaks and edge spaces, doubling quotes', () => {
    expect(csvCell('Police Dept, Boston')).toBe('"Police Dept, Boston"');
    expect(csvCell('The "Old" PD')).toBe('"The ""Old"" PD"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('should defuse cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('2025-01-01')).toBe('2025-01-01');
  });
});
